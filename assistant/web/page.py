"""The page's own style and script, handed to gradio when the app is mounted (app.make_server).

The script makes a click on a clause link (`#open=<doc>|<key>`, in answers, the clause tree,
search results and the quiz review) open that clause: it writes the target into a hidden
textbox of the tab the link belongs to and presses that tab's hidden button. Links in the chat
open under the chat; the others open in Browse."""

CSS = """
#chat .message-wrap { padding-top: 0.5rem; }
#chat [data-testid="bot"] { scroll-margin-top: 2.2rem; }  /* opened below the chat's buttons */
#chapters .wrap { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; }
#chapters label { white-space: nowrap; flex: 0 1 auto; }
.clause-tree { max-height: 640px; overflow-y: auto; font-size: 0.95em; }
.clause-tree details > summary { cursor: pointer; padding: 2px 0; }
.clause-tree ul { padding-left: 1.2em; margin: 0; list-style: none; }
.clause-tree .leaf { padding: 2px 0 2px 1em; }
.clause-tree a, .search-results a { text-decoration: none; }
.clause-tree a.current { font-weight: bold; }
.search-results .snippet { color: #666; margin-left: 0.5em; font-size: 0.9em; }
.no-match { color: #a33; }
#ask-link, #ask-link-go, #browse-link, #browse-link-go { display: none !important; }
/* a download box before there is anything to download: one line, not a tall empty drop zone */
#download .empty, #package .empty, #record-file .empty {
  min-height: 0 !important; height: 2.6rem !important; }
#download .empty .icon, #package .empty .icon, #record-file .empty .icon { height: 1.4rem; }
#ui-lang .wrap { flex-wrap: nowrap; }
#ui-lang label { white-space: nowrap; }
@media (max-width: 480px) {
  #quiz-setup, #quiz-counts, #browse-top, #draft-options { flex-direction: column; }
  #header { flex-direction: column; gap: 0.3rem; }
  #header > *, #browse-top > *, #draft-options > *, #quiz-counts > * {
    min-width: 0 !important; width: 100%; }
  #chapters label { white-space: normal; }
  #chat .message-wrap { padding-top: 2.2rem; }
  #chat .message-row { margin-left: 2px; margin-right: 2px; max-width: 100%; }
}
"""

HEAD = """
<script>
(function () {
  function send(prefix, value) {
    var box = document.querySelector('#' + prefix + ' textarea, #' + prefix + ' input');
    var button = document.querySelector('#' + prefix + '-go');
    if (!box || !button) { return; }
    var setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), 'value').set;
    setter.call(box, value);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(function () { button.click(); }, 80);
  }
  document.addEventListener('click', function (event) {
    var a = event.target && event.target.closest ? event.target.closest('a[href^="#open="]') : null;
    if (!a) { return; }
    event.preventDefault();
    event.stopPropagation();
    var value = decodeURIComponent(a.getAttribute('href').slice(6));
    if (a.closest('#chat')) {
      send('ask-link', value);
      return;
    }
    if (!a.closest('#browse-panel')) {
      var tabs = document.querySelectorAll('button[role="tab"]');
      for (var i = 0; i < tabs.length; i++) {
        if (tabs[i].textContent.indexOf('浏览') >= 0) { tabs[i].click(); }
      }
    }
    send('browse-link', value);
  }, true);
})();
</script>
"""

SCROLL_TO_ANSWER = """
() => {
  setTimeout(function () {
    var bots = document.querySelectorAll('#chat .message.bot, #chat [data-testid="bot"]');
    var last = bots[bots.length - 1];
    if (last) { last.scrollIntoView({ block: 'start' }); }
  }, 100);
}
"""
