/* Every page: the reader's display choices (大字, 高对比), remembered in localStorage (which
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
  if (!present(['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', '方正楷体_GBK', 'STKaiti', 'AR PL UKai CN'])) { set('no-kai', true); }
  if (!present(['黑体', 'SimHei', '方正黑体_GBK', 'Microsoft YaHei', '微软雅黑', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei'])) { set('no-hei', true); }

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
