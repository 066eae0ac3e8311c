/* IO Atlas offline copy: a Web Worker shim for pages opened from disk, so that search runs from file://.
 *
 * Only the offline copy (`ioatlas offline`, scripts/ioatlas/offline.py) loads this file, as Material's
 * `extra.polyfills`; the published site never does, and over http(s) it does nothing. A page opened from
 * file:// has an opaque origin, where `new Worker()` fails, so the shim runs the worker in a hidden iframe
 * instead. Material's offline plugin would add the iframe-worker shim for this, from unpkg.com (an outside
 * host, which the atlas never asks), and that shim starts its iframe with an inline script holding the
 * worker's absolute path on the reader's disk, which no Content-Security-Policy hash made at build time
 * can allow. Here the iframe's document runs no inline script: it loads iframe-worker-runtime.js (the
 * worker's globals) and then the worker, both by src, which the policy's `script-src 'self' file:` allows.
 *
 * Derived from iframe-worker 1.0.4 (https://github.com/squidfunk/iframe-worker), under its MIT licence:
 *
 * Copyright (c) 2020-2022 Martin Donath <martin.donath@squidfunk.com>
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to
 * deal in the Software without restriction, including without limitation the
 * rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
 * sell copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in
 * all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NON-INFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
 * FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
 * IN THE SOFTWARE.
 */
"use strict"
;(() => {
  if (location.protocol !== "file:")
    return
  const runtime = new URL("iframe-worker-runtime.js", document.currentScript.src).href
  const attribute = text => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.url = new URL(url, location.href).href
      const iframe = document.createElement("iframe")
      iframe.hidden = true
      document.body.appendChild(this.iframe = iframe)
      const frame = iframe.contentWindow
      frame.document.open()
      frame.document.write(`<html><body><script src="${attribute(runtime)}"></script>`
        + `<script src="${attribute(this.url)}"></script></body></html>`)
      frame.document.close()
      // set after open(), which drops the window's handlers; the load event waits for the worker's scripts
      this.ready = new Promise(resolve => { frame.onload = resolve })
      this.relay = event => {
        if (event.source !== this.iframe.contentWindow)
          return
        const message = new MessageEvent("message", { data: event.data })
        this.dispatchEvent(message)
        if (this.onmessage)
          this.onmessage(message)
      }
      addEventListener("message", this.relay)
    }

    postMessage(data) {
      this.ready.then(() => this.iframe.contentWindow.dispatchEvent(
        new MessageEvent("message", { data: structuredClone(data) })))
    }

    terminate() {
      removeEventListener("message", this.relay)
      this.iframe.remove()
    }
  }

  window.IFrameWorker = IFrameWorker  // Material's search worker looks for it to find its lunr files
  window.Worker = IFrameWorker
})()
