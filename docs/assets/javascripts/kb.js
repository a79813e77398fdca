// Before printing, spell out where each link in the text goes (CSS prints data-print-href).
// Relative links are resolved against the page's public address, so paper shows a URL a
// reader can type. Linked glossary mentions are left out: the handout carries their definitions.
(function () {
  function publicAddress() {
    var field = document.getElementById("kb-share-url");
    return field ? field.value : window.location.href;
  }
  window.addEventListener("beforeprint", function () {
    var base = publicAddress();
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.classList.contains("kb-term") ||
          link.classList.contains("headerlink") || link.closest(".kb-share, .kb-qr-full")) {
        return;
      }
      try {
        link.setAttribute("data-print-href", new URL(href, base).href);
      } catch (error) {
        // A link the browser cannot parse is printed without its address.
      }
    });
  });
})();
