/**
 * The page's only script, inlined: sorts the jobs table by a clicked header (numbers as
 * numbers, empty cells last), filters its rows by text and status, and dims the bars of
 * hidden rows. Plain DOM, no library, nothing fetched.
 */
export const REPORT_PAGE_SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('jobs');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var count = document.getElementById('row-count');
  var text = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var bars = {};
  Array.prototype.forEach.call(document.querySelectorAll('#timeline .bar'), function (bar) { bars[bar.getAttribute('data-num')] = bar; });

  function key(row, col) {
    var cell = row.cells[col];
    return cell ? cell.getAttribute('data-sort') || '' : '';
  }
  function isNumeric(value) { return value !== '' && isFinite(Number(value)); }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var numeric = rows.every(function (row) { var v = key(row, col); return v === '' || isNumeric(v); });
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        if (x === '' || y === '') return (x === '') - (y === '');
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
        return (ascending ? order : -order) || Number(a.getAttribute('data-num')) - Number(b.getAttribute('data-num'));
      });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(row); });
      tbody.appendChild(fragment);
    });
  });

  function applyFilter() {
    var needle = text.value.trim().toLowerCase();
    var wanted = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (wanted === '' || row.getAttribute('data-status') === wanted) && (needle === '' || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !visible;
      var bar = bars[row.getAttribute('data-num')];
      if (bar) bar.classList.toggle('dim', !visible);
      if (visible) shown += 1;
    });
    count.textContent = shown === rows.length ? rows.length + ' jobs' : shown + ' of ' + rows.length + ' jobs';
  }
  text.addEventListener('input', applyFilter);
  status.addEventListener('change', applyFilter);
  applyFilter();
})();
`;
