// Material for MkDocs shows `title` attributes as tooltips (content.tooltips) by appending the
// title to the tooltip's body with innerHTML, and it makes a `title` of the text of any navigation
// or header entry that is cut off. A title is text: "<18 years" or "A <b> tag" must read as
// written, and markup a term file smuggled into a name or a definition must never run. So the
// bodies of Material's tooltips take what is assigned to their innerHTML as text.
// Loaded before Material mounts anything (it waits for DOMContentLoaded); tooltips are built later.
(function () {
  var TOOLTIP_BODIES = ["md-tooltip__inner", "md-tooltip2__inner"];
  var native = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML");
  if (!native || !native.set) {
    return;
  }

  function isTooltipBody(element) {
    return TOOLTIP_BODIES.some(function (name) { return element.classList.contains(name); });
  }

  Object.defineProperty(HTMLDivElement.prototype, "innerHTML", {
    configurable: true,
    enumerable: native.enumerable,
    get: function () {
      return native.get.call(this);
    },
    set: function (value) {
      if (!isTooltipBody(this)) {
        native.set.call(this, value);
        return;
      }
      // Material writes `body.innerHTML += title`: keep what is there, add the rest as text.
      var text = String(value);
      var current = native.get.call(this);
      if (current && text.indexOf(current) === 0) {
        this.appendChild(document.createTextNode(text.slice(current.length)));
      } else {
        this.textContent = text;
      }
    }
  });
})();
