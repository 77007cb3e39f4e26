/* Live filtering and sorting of the ledger table. The page works without this script: the
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
  }
  for (var k = 0; k < inputs.length; k++) {
    inputs[k].addEventListener('input', apply);
    inputs[k].addEventListener('change', apply);
  }
  if (sorter) { sorter.addEventListener('change', sort); }
  apply();
})();
