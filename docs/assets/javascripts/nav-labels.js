// Material names each navigation section after its label; when the section has an index page
// that label holds only an expand icon, so the section's <nav> has no name and screen readers
// (and axe's landmark-unique rule) cannot tell the sections apart. Name it after the section's
// index link instead.
(function () {
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    if (!label || label.textContent.trim()) {
      return;
    }
    var container = label.closest(".md-nav__container");
    var link = container && container.querySelector("a.md-nav__link");
    if (link && link.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", link.textContent.trim());
    }
  });
})();
