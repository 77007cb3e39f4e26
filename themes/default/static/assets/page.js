/* Every page: the searched words marked on a page opened from a search hit; the reader's
   display choices (大字, 高对比), remembered in localStorage (which
   works from file:// too) and applied before the page is drawn, and which heading fonts this
   machine lacks, so headings whose 楷体/黑体 fall back to the body font still look like
   headings. Loaded in <head>, without defer: it only sets classes on <html> at once; the
   buttons are wired when the page is ready. ES5 for old Chromium forks. */
(function () {
  var root = document.documentElement;
  var KEY = 'annals-view';
  var VIEWS = ['large-text', 'high-contrast'];

  function chosen() {
    try { return (window.localStorage.getItem(KEY) || '').split(' '); } catch (e) { return []; }
  }
  function remember(list) {
    try { window.localStorage.setItem(KEY, list.join(' ')); } catch (e) { /* private mode */ }
  }
  function has(view) { return (' ' + root.className + ' ').indexOf(' ' + view + ' ') >= 0; }
  function set(view, on) {
    var classes = root.className.split(' ').filter(function (c) { return c && c !== view; });
    if (on) { classes.push(view); }
    root.className = classes.join(' ');
  }
  var saved = chosen();
  for (var i = 0; i < VIEWS.length; i++) { set(VIEWS[i], saved.indexOf(VIEWS[i]) >= 0); }

  // A font is present when text set in it differs in width from each generic fallback.
  var canvas = document.createElement('canvas');
  var ctx = canvas.getContext && canvas.getContext('2d');
  function present(families) {
    if (!ctx) { return true; }
    // Latin letters: CJK glyphs are one em wide in every font, so only these tell fonts apart.
    var sample = 'mmmmmwwwwwlllll 0123456789（一）民主生活会';
    var generics = ['monospace', 'serif', 'sans-serif'];
    for (var f = 0; f < families.length; f++) {
      for (var g = 0; g < generics.length; g++) {
        ctx.font = '40px ' + generics[g];
        var base = ctx.measureText(sample).width;
        ctx.font = '40px "' + families[f] + '", ' + generics[g];
        if (ctx.measureText(sample).width !== base) { return true; }
      }
    }
    return false;
  }
  function lacking() {
    var out = [];
    if (!present(['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', '方正楷体_GBK', 'STKaiti', 'AR PL UKai CN'])) { out.push('no-kai'); }
    if (!present(['黑体', 'SimHei', '方正黑体_GBK', 'Microsoft YaHei', '微软雅黑', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei'])) { out.push('no-hei'); }
    return out;
  }
  // Measuring takes ~10 ms where the fonts are missing (96 text measurements, each a font
  // lookup), before the page is first drawn, on every page: the answer is kept for a day
  // (a font installed since shows on the next day's pages), as "<time> <classes>".
  var FONTS = 'annals-fonts', DAY = 864e5, now = new Date().getTime(), kept = null;
  try { kept = /^(\d+)((?: no-(?:kai|hei))*)$/.exec(window.localStorage.getItem(FONTS) || ''); } catch (e) { kept = null; }
  var missing;
  if (kept && now - kept[1] >= 0 && now - kept[1] < DAY) {
    missing = kept[2].split(' ').filter(function (c) { return c; });
  } else {
    missing = lacking();
    try { window.localStorage.setItem(FONTS, now + (missing.length ? ' ' + missing.join(' ') : '')); } catch (e) { /* private mode */ }
  }
  for (var m = 0; m < missing.length; m++) { set(missing[m], true); }

  // A page opened from a search hit (?hl=词语 短语#section) marks the searched words in the
  // section it scrolls to (the heading and what follows it up to the next heading of its level
  // or higher), or in the page's main text when the hit has no section.
  function searched() {
    var m = /[?&]hl=([^&#]*)/.exec(location.search);
    if (!m) { return []; }
    try {
      return decodeURIComponent(m[1].replace(/\+/g, ' ')).split(/\s+/).filter(function (w) { return w; });
    } catch (e) { return []; }
  }
  function level(el) { return /^H[1-6]$/.test(el.tagName) ? +el.tagName.charAt(1) : 0; }
  function scope() {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
    var target = id && document.getElementById(id);
    if (target && level(target)) {
      var out = [target];
      for (var n = target.nextElementSibling; n && !(level(n) && level(n) <= level(target)); n = n.nextElementSibling) {
        out.push(n);
      }
      return out;
    }
    var main = document.querySelector('.official .prose, .record-card, main');
    return main ? [main] : [];
  }
  function markIn(el, words) {
    // The words come normalised by the search (Latin letters in lower case): compared so.
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, null, false);
    var nodes = [];
    for (var t = walker.nextNode(); t; t = walker.nextNode()) { nodes.push(t); }
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      while (node) {
        var text = node.nodeValue.toLowerCase(), at = -1, len = 0;
        for (var w = 0; w < words.length; w++) {
          var k = text.indexOf(words[w]);
          if (k >= 0 && (at < 0 || k < at)) { at = k; len = words[w].length; }
        }
        if (at < 0) { break; }
        var hit = node.splitText(at);
        var rest = hit.splitText(len);
        var mark = document.createElement('mark');
        mark.className = 'searched';
        hit.parentNode.replaceChild(mark, hit);
        mark.appendChild(hit);
        node = rest;
      }
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var words = searched();
    if (words.length) {
      var parts = scope();
      for (var p = 0; p < parts.length; p++) { markIn(parts[p], words); }
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('.view-switch');
    if (!box) { return; }
    box.hidden = false;
    var buttons = box.querySelectorAll('button[data-view]');
    function show() {
      for (var b = 0; b < buttons.length; b++) {
        buttons[b].setAttribute('aria-pressed', has(buttons[b].getAttribute('data-view')) ? 'true' : 'false');
      }
    }
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].addEventListener('click', function () {
        var view = this.getAttribute('data-view');
        set(view, !has(view));
        remember(VIEWS.filter(has));
        show();
      });
    }
    show();
  });
})();
