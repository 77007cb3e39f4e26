/* Live filtering and sorting of the ledger table; the counts and charts follow the rows kept,
   and on a filter page (overdue.html …) the controls start from that page's filter. The page works without this script: the
   filter links on the left are pre-built pages. Deadlines filter and sort on the date they
   resolve to (data-due, YYYY-MM-DD; 长期坚持 has none and sorts last), not on the wording.
   Written for old Chromium forks (ES5, no fetch). */
(function () {
  var form = document.querySelector('.live-filter');
  var rows = document.querySelectorAll('.ledger-table tbody tr');
  if (!form || !rows.length) { return; }
  form.hidden = false;
  var inputs = form.querySelectorAll('[data-key]');
  var counter = form.querySelector('.live-count');
  var sorter = form.querySelector('[data-sort]');
  var body = rows[0].parentNode;
  var order = [];
  for (var n = 0; n < rows.length; n++) { order.push(rows[n]); }
  function sort() {
    var by = sorter ? sorter.value : '';
    var sorted = order.slice();
    if (by === 'due') {
      sorted.sort(function (a, b) {
        var x = a.getAttribute('data-due') || '9999', y = b.getAttribute('data-due') || '9999';
        return x < y ? -1 : x > y ? 1 : order.indexOf(a) - order.indexOf(b);
      });
    }
    for (var s = 0; s < sorted.length; s++) { body.appendChild(sorted[s]); }
  }
  function apply() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], keep = true;
      for (var j = 0; j < inputs.length; j++) {
        var input = inputs[j], key = input.getAttribute('data-key');
        if (key === 'overdue') {
          if (input.checked && row.getAttribute('data-overdue') !== '1') { keep = false; }
        } else if (key === 'due-by') {
          var due = row.getAttribute('data-due');
          if (input.value && !(due && due <= input.value)) { keep = false; }
        } else if (key === 'text') {
          var needle = input.value.replace(/\s+/g, '');
          if (needle && row.textContent.replace(/\s+/g, '').indexOf(needle) < 0) { keep = false; }
        } else if (input.value && row.getAttribute('data-' + key) !== input.value) {
          keep = false;
        }
      }
      row.hidden = !keep;
      if (keep) { shown++; }
    }
    counter.textContent = '显示 ' + shown + ' / ' + rows.length + ' 条';
    recount();
  }

  // The page's counts and charts follow the rows shown: the summary line, the status counts,
  // and each chart's bars (redrawn from the numbers the build wrote on them).
  function visible() {
    var out = [];
    for (var i = 0; i < rows.length; i++) { if (!rows[i].hidden) { out.push(rows[i]); } }
    return out;
  }
  function setCount(name, n) {
    var el = document.querySelector('[data-count="' + name + '"]');
    if (el) { el.textContent = n; }
  }
  function seriesOf(row, by) {
    if (by === 'closed') {
      return row.getAttribute('data-closed') === '1' ? '已完成'
        : row.getAttribute('data-overdue') === '1' ? '逾期' : '未完成';
    }
    return row.getAttribute('data-' + by);
  }
  function recount() {
    var shown = visible(), open = 0, late = 0, byStatus = {};
    for (var i = 0; i < shown.length; i++) {
      if (shown[i].getAttribute('data-closed') !== '1') { open++; }
      if (shown[i].getAttribute('data-overdue') === '1') { late++; }
      var st = shown[i].getAttribute('data-status');
      byStatus[st] = (byStatus[st] || 0) + 1;
    }
    setCount('total', shown.length);
    setCount('open', open);
    setCount('overdue', late);
    var items = document.querySelectorAll('.status-counts li[data-status]');
    for (var k = 0; k < items.length; k++) {
      var n = byStatus[items[k].getAttribute('data-status')] || 0;
      items[k].querySelector('.n').textContent = n;
      items[k].hidden = n === 0;
    }
    var figures = document.querySelectorAll('figure[data-by]');
    for (var f = 0; f < figures.length; f++) { redraw(figures[f], shown); }
  }
  function redraw(figure, shown) {
    var svg = figure.querySelector('svg'), by = figure.getAttribute('data-by');
    if (!svg) { return; }
    var base = parseFloat(svg.getAttribute('data-base')), plot = parseFloat(svg.getAttribute('data-plot'));
    var least = parseFloat(svg.getAttribute('data-min-label'));
    var counts = {}, totals = {}, max = 1;
    for (var i = 0; i < shown.length; i++) {
      var year = shown[i].getAttribute('data-year'), key = year + '|' + seriesOf(shown[i], by);
      counts[key] = (counts[key] || 0) + 1;
      totals[year] = (totals[year] || 0) + 1;
      if (totals[year] > max) { max = totals[year]; }
    }
    var tops = {};
    var rects = svg.querySelectorAll('rect[data-series]');
    for (var r = 0; r < rects.length; r++) {
      var rect = rects[r], label = rect.getAttribute('data-label'), name = rect.getAttribute('data-series');
      var v = counts[label + '|' + name] || 0, h = plot * v / max;
      var y = (label in tops ? tops[label] : base) - h;
      tops[label] = y;
      rect.setAttribute('y', y);
      rect.setAttribute('height', h);
      rect.setAttribute('data-count', v);
      var text = svg.querySelector('text[data-segment="' + label + '|' + name + '"]');
      if (text) {
        text.textContent = v;
        text.setAttribute('y', y + h / 2 + least / 3);
        text.setAttribute('visibility', h >= least && v > 0 ? 'visible' : 'hidden');
      }
    }
    var sums = svg.querySelectorAll('text[data-total]');
    for (var t = 0; t < sums.length; t++) {
      var year2 = sums[t].getAttribute('data-total');
      sums[t].textContent = totals[year2] || 0;
      sums[t].setAttribute('y', (year2 in tops ? tops[year2] : base) - 4);
    }
  }
  for (var k = 0; k < inputs.length; k++) {
    inputs[k].addEventListener('input', apply);
    inputs[k].addEventListener('change', apply);
  }
  if (sorter) { sorter.addEventListener('change', sort); }
  apply();
})();
