/* IO Atlas search box.
 *
 * A query pasted into the search box with the mouse searches at once. Material reads the box on
 * key-up only, so a paste from a context menu would wait for the next key press; re-announcing every input
 * as a key-up is harmless, because Material ignores a value it has already searched for. */
document.addEventListener("input", event => {
  const box = event.target
  if (box instanceof HTMLInputElement && box.matches(".md-search__input"))
    box.dispatchEvent(new KeyboardEvent("keyup"))
})

/* Material's search dialog has no accessible name; screen readers announce it as "Search". */
document.querySelector(".md-search[role='dialog']")?.setAttribute("aria-label", "Search")
