/* IO Atlas search worker: Material for MkDocs' own worker, loaded unchanged, with two adjustments to lunr.
 *
 * 1. A typed query is split into words at blanks only, as the index is (mkdocs.yml `separator` keeps
 *    hyphens inside words). lunr's query parser would otherwise split "CAR-T" into "car" and "t*", and
 *    the trailing wildcard makes "t*" match nearly every page.
 * 2. A page whose name or alias (its `tags` in the search index) is exactly what the reader typed, ignoring
 *    case and blanks, ranks above every other result: "CAR-T" opens on CAR-T cell therapy, not on the
 *    page that mentions CAR-T most often.
 * 3. The records' entries (search/records.json, written by the build: outputs/search_records.py) join
 *    Material's index before lunr builds it; Material's plugin leaves record pages out. The offline copy
 *    has them merged into its index already (config.ioatlas_records), since a file:// page cannot fetch.
 *
 * 4. Results leave the worker without the zero-width spaces that cut Chinese into words for the index, so a
 *    title a reader copies from the results is the title as written.
 *
 * The build (scripts/ioatlas/engine/search_worker.py) writes this file beside Material's worker, named after it, with the
 * worker's name filled in below, and overrides/main.html points the theme's configuration at it.
 */
"use strict"

const EXACT_NAME_FACTOR = 1000
const namesByPage = new Map()

function squeeze(text) {
  return String(text).toLowerCase().replace(/[\s\u200b]+/g, "")
}

/* What the reader typed, recovered from Material's transformed query ("he* huang*" -> "hehuang"). */
function typedWords(query) {
  return squeeze(query.split(/\s+/)
    .map(term => term.replace(/^[+-]/, "").replace(/[~^]\d*$/, "").replace(/\*/g, ""))
    .join(""))
}

function adjustLunr() {
  const lunr = self.lunr
  lunr.QueryLexer.termSeparator = /\s+/

  const add = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (Array.isArray(doc.tags) && doc.tags.length)
      namesByPage.set(doc.location, new Set(doc.tags.map(squeeze)))
    return add.call(this, doc, attributes)
  }

  const search = lunr.Index.prototype.search
  lunr.Index.prototype.search = function (query) {
    const results = search.call(this, query)
    const typed = typedWords(query)
    for (const result of results)
      if (namesByPage.get(result.ref)?.has(typed))
        result.score *= EXACT_NAME_FACTOR
    return results.sort((a, b) => b.score - a.score)
  }
}

const RECORDS = new URL("../../../search/records.json", self.location.href)

/* Runs before Material's own listener (registered later, by importScripts), on the same message. */
function addRecords(event) {
  const message = event.data
  if (!message || message.type !== 0 || message.data.config.ioatlas_records)
    return
  const request = new XMLHttpRequest()
  request.open("GET", RECORDS.href, false)  // synchronous, so the entries are there when lunr builds
  request.send()
  if (request.status === 200)
    message.data.docs = message.data.docs.concat(JSON.parse(request.responseText).docs)
  else
    console.warn(`IO Atlas: ${RECORDS.href} answered ${request.status}; records are left out of search`)
}

addEventListener("message", addRecords)

const RESULT = 3  // Material's message type for search results
const post = self.postMessage.bind(self)
self.postMessage = function (message, ...rest) {
  if (message && message.type === RESULT)
    message = JSON.parse(JSON.stringify(message).replace(/\u200b/g, ""))
  return post(message, ...rest)
}

// importScripts is synchronous in a worker; Material's iframe shim for file:// pages returns a Promise
Promise.resolve(importScripts("MATERIAL_WORKER")).then(adjustLunr)
