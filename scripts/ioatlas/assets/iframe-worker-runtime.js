/* IO Atlas offline copy: the worker globals inside the iframe of iframe-worker.js (see there for why).
 *
 * It runs first in the iframe, by src, and gives the worker script that follows what a worker has:
 * `postMessage` sends to the page, and `importScripts` loads scripts one after another. importScripts cannot
 * be synchronous here, so it returns a Promise (Material's worker and our wrapper, search-worker.js, wait for
 * it); as in a real worker, a relative address is resolved against the worker script's address (the iframe's
 * document has the page's). Then this script removes itself, so that the worker script is the document's
 * first script[src], which Material's worker reads to find its lunr files.
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
  const workerScript = () => document.querySelector("script[src]")
  window.postMessage = data => parent.postMessage(data, "*")
  window.importScripts = (...urls) => {
    const base = workerScript().src
    return urls.reduce((done, url) => done.then(() => new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = new URL(url, base).href
      script.onload = resolve
      script.onerror = () => reject(new Error(`importScripts: cannot load ${script.src}`))
      document.body.appendChild(script)
    })), Promise.resolve())
  }
  document.currentScript.remove()
})()
