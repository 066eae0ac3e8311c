/* IO Atlas citation marks: pointing at a mark, or tabbing to it, shows the source it cites.
 *
 * Material's footnote tooltips (the content.footnote.tooltips feature) set up one tooltip per mark as the
 * page loads; on a record page with dozens of marks that was most of the page's main-thread work (measured
 * with Lighthouse at 4× CPU: total blocking time 150–260 ms with them, 70–90 ms without). This script
 * listens once on the document and fills one tooltip when a mark is pointed at. Escape, or leaving the mark,
 * hides it; a click still jumps to the numbered source. */
(() => {
  let tip = null
  let owner = null

  const hide = () => {
    if (!owner) return
    owner.removeAttribute("aria-describedby")
    tip.hidden = true
    owner = null
  }

  const show = mark => {
    const note = document.getElementById(decodeURIComponent(mark.hash.slice(1)))
    if (!note || owner === mark) return
    hide()
    if (!tip) {
      tip = document.createElement("div")
      tip.id = "ioa-tip"
      tip.className = "ioa-tip md-typeset"
      tip.setAttribute("role", "tooltip")
      document.body.append(tip)
    }
    const copy = note.cloneNode(true)
    copy.querySelectorAll(".footnote-backref").forEach(link => link.remove())
    tip.replaceChildren(...copy.childNodes)
    tip.hidden = false
    const box = mark.getBoundingClientRect()
    const width = Math.min(320, document.documentElement.clientWidth - 16)
    tip.style.width = `${width}px`
    tip.style.left = `${Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8)) + scrollX}px`
    tip.style.top = `${box.bottom + scrollY + 4}px`
    mark.setAttribute("aria-describedby", tip.id)
    owner = mark
  }

  const markOf = target => target instanceof Element ? target.closest("a.footnote-ref") : null
  document.addEventListener("pointerover", event => {
    const mark = markOf(event.target)
    if (mark) show(mark)
    else if (!(event.target instanceof Element && event.target.closest(".ioa-tip"))) hide()
  })
  document.addEventListener("focusin", event => { const mark = markOf(event.target); if (mark) show(mark); else hide() })
  document.addEventListener("keydown", event => { if (event.key === "Escape") hide() })
})()
