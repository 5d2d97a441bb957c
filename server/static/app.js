// reportsearch: small enhancements over pages that work without JavaScript.
//  - the search page updates its results as you type, through /api/search,
//    and keeps the URL in step (history.replaceState); it waits for an input
//    method's composition to end, and holds an empty answer until a pause;
//  - "/" focuses the search box, ↑ ↓ move through the hits, Esc goes back;
//  - the filters panel folds on a narrow screen;
//  - the figures table sorts in place when a column header is clicked.
(function () {
  'use strict';

  var kinds = {};
  try { kinds = JSON.parse(document.body.dataset.kinds || '{}'); } catch (e) { /* labels fall back to values */ }

  // el builds an element: el('a', {href: '/'}, 'text', child…). Text is
  // always set as text; the only HTML used anywhere is a hit's highlight.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function isField(t) {
    return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  }

  // place says where a bullet is within its section, from its key's number
  // ("report:02-05" → "第 5 条"), as the server does.
  function place(id) {
    var m = /-(\d+)$/.exec(id);
    return m && parseInt(m[1], 10) > 0 ? '第 ' + parseInt(m[1], 10) + ' 条' : '';
  }

  // seeAlsoLabel names near duplicate key k of the hit in section sec as
  // the server does: "第 19 条", with its section id when that differs.
  function seeAlsoLabel(k, sec) {
    var id = k.slice(k.lastIndexOf(':') + 1);
    var osec = id.slice(0, id.lastIndexOf('-'));
    var label = place(k) || '第 ' + id + ' 条';
    return osec !== sec ? osec + ' ' + label : label;
  }

  function bulletURL(id) {
    return '/b/' + encodeURIComponent(id).replace(/%3A/gi, ':');
  }

  // ---- keyboard ------------------------------------------------------------

  var box = document.getElementById('q') || document.getElementById('mini-q');

  function hitLinks() {
    return Array.prototype.slice.call(document.querySelectorAll('#hits .permalink'));
  }

  function focusHit(links, i) {
    links.forEach(function (a) { a.closest('.hit').classList.remove('current'); });
    if (i < 0) { box.focus(); return; }
    links[i].focus();
    links[i].closest('.hit').classList.add('current');
  }

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.isComposing || e.keyCode === 229) return; // the input method's keys (↑ ↓ pick a word)
    var t = e.target;
    if (e.key === '/' && box && !isField(t)) {
      e.preventDefault();
      box.focus();
      box.select();
      return;
    }
    var onHit = t.classList && t.classList.contains('permalink');
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && (t.id === 'q' || onHit)) {
      var links = hitLinks();
      if (!links.length) return;
      var i = links.indexOf(t);
      e.preventDefault();
      if (e.key === 'ArrowDown') focusHit(links, Math.min(i + 1, links.length - 1));
      else focusHit(links, i - 1);
      return;
    }
    if (e.key === 'Escape' && onHit && box) {
      focusHit(hitLinks(), -1);
    }
  });

  // ---- the filters panel ----------------------------------------------------

  // Folded on a narrow screen so the results come first, open on a wide one
  // where it is a column (style.css hides its summary there).
  var panel = document.getElementById('filters');
  if (panel && window.matchMedia) {
    var wide = window.matchMedia('(min-width: 820px)');
    var fold = function () { panel.open = wide.matches; };
    fold();
    if (wide.addEventListener) wide.addEventListener('change', fold);
  }

  // ---- search as you type ---------------------------------------------------

  var form = document.getElementById('search-form');
  var reportNames = form && form.dataset.reports ? JSON.parse(form.dataset.reports) : null; // report id → short name when several are served
  var results = document.getElementById('results');
  var facets = document.getElementById('facets');
  if (form && results && facets && window.fetch && window.URLSearchParams) {
    var input = document.getElementById('q');
    var last = input.value.trim();
    // The list of sections, shown again when the box is cleared: on the
    // home page it is in the results, on a search page in a <template>.
    var browseTmpl = document.getElementById('browse-template');
    var browse = browseTmpl ? browseTmpl.content.querySelector('.browse') : results.querySelector('.browse');
    browse = browse ? browse.cloneNode(true) : null;
    var timer = 0;
    var inflight = null;
    // While an input method composes a word (pinyin "yang'lao" before 养老)
    // the box holds letters that are not the query: nothing is searched,
    // nothing rewritten until the composition ends.
    var composing = false;
    // A search typed without a pause that finds nothing (or is refused)
    // keeps the previous results on screen until the reader pauses for
    // emptyPause ms, so the empty state does not flash between keystrokes.
    var typedAt = 0;
    var emptyPause = 1000;
    var held = 0;

    // cancel drops the pending search: the timer, the request in flight
    // and an answer held back; a dropped answer is asked for again.
    var cancel = function () {
      clearTimeout(timer);
      if (inflight || held) last = null;
      clearTimeout(held);
      held = 0;
      if (inflight) inflight.abort();
      inflight = null;
    };
    var typed = function () {
      cancel();
      typedAt = Date.now();
      timer = setTimeout(update, 200);
    };

    input.addEventListener('compositionstart', function () {
      composing = true;
      cancel();
    });
    input.addEventListener('compositionend', function () {
      composing = false;
      typed(); // search once, for the word chosen
    });
    input.addEventListener('input', function (e) {
      if (composing || e.isComposing) return;
      typed();
    });

    // pageParams is the page's URL state with the new query, on page 1.
    var pageParams = function (q) {
      var p = new URLSearchParams(location.search);
      p.delete('page');
      if (q) p.set('q', q); else p.delete('q');
      return p;
    };

    var pageURL = function (p) {
      var s = p.toString();
      return s ? '/search?' + s : '/';
    };

    var update = function () {
      if (composing) return;
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      var page = pageParams(q);
      var api = new URLSearchParams(form.dataset.api || '');
      if (q) api.set('q', q);
      if (!q && ['section', 'kind', 'money', 'report', 'level', 'region', 'year', 'years'].every(function (n) { return !page.has(n); })) {
        history.replaceState(null, '', '/');
        document.title = '华漕镇 2023 年终答卷 · 搜索 · 报告搜索';
        results.replaceChildren(browse ? browse.cloneNode(true) : el('p', {className: 'summary', id: 'summary', role: 'status'}, '请输入搜索词。'));
        facets.replaceChildren();
        return;
      }
      if (inflight) inflight.abort();
      var ctrl = new AbortController();
      inflight = ctrl;
      fetch('/api/search?' + api.toString(), {signal: ctrl.signal, headers: {Accept: 'application/json'}})
        .then(function (resp) {
          return resp.json().then(function (body) { return {ok: resp.ok, body: body}; });
        })
        .then(function (r) {
          if (ctrl !== inflight) return;
          inflight = null;
          var show = function () {
            history.replaceState(null, '', pageURL(page));
            document.title = (q ? q + ' · 搜索' : '搜索') + ' · 报告搜索';
            if (!r.ok) {
              // the API's hint is Chinese and says what to do
              var msg = r.body && r.body.error && r.body.error.hint ? r.body.error.hint : '搜索失败，请稍后再试。';
              results.replaceChildren(el('p', {className: 'notice', id: 'summary', role: 'status'}, msg));
              facets.replaceChildren();
              return;
            }
            render(r.body, page);
          };
          var wait = typedAt + emptyPause - Date.now();
          if ((!r.ok || !(r.body.hits && r.body.hits.length)) && wait > 0) {
            held = setTimeout(function () { held = 0; show(); }, wait); // a keystroke cancels it
            return;
          }
          show();
        })
        .catch(function (err) {
          if (err.name === 'AbortError') return;
          inflight = null;
          results.replaceChildren(el('p', {className: 'notice', id: 'summary', role: 'status'}, '网络错误，请按回车重新搜索。'));
        });
    };

    // link returns the page URL with one parameter changed, on page 1.
    var link = function (page, change) {
      var p = new URLSearchParams(page.toString());
      change(p);
      p.delete('page');
      return pageURL(p);
    };

    var toggle = function (name, value) {
      return function (p) {
        var vals = p.getAll(name);
        p.delete(name);
        var i = vals.indexOf(value);
        if (i >= 0) vals.splice(i, 1); else vals.push(value);
        vals.forEach(function (v) { p.append(name, v); });
      };
    };

    var toggleSingle = function (name, value) {
      return function (p) {
        if (p.get(name) === value) p.delete(name); else p.set(name, value);
      };
    };

    var sorts = [['relevance', '相关度'], ['order', '原文顺序'], ['-value', '数值从大到小'], ['value', '数值从小到大']];

    var render = function (data, page) {
      var nodes = [];
      var n = data.hits.length;
      nodes.push(el('p', {className: 'summary', id: 'summary', role: 'status'},
        n ? '第 1–' + n + ' 条，' : '', '共 ', el('strong', {id: 'total'}, data.total), ' 条结果，用时 ' + data.took_ms.toFixed(1) + ' 毫秒'));
      if (data.partial) {
        nodes.push(el('p', {className: 'notice', id: 'partial'}, '没有同时包含全部搜索词的条目，以下是部分匹配的结果。'));
      }
      if (data.unmatched && data.unmatched.length) {
        nodes.push(el('p', {className: 'notice', id: 'unmatched'}, '没有找到：' + data.unmatched.join('、')));
      }
      var active = results.querySelector('.active-filters');
      if (active) {
        active = active.cloneNode(true);
        active.querySelectorAll('a').forEach(function (a) {
          var u = new URL(a.href, location.href);
          var p = u.searchParams;
          if (page.get('q')) p.set('q', page.get('q')); else p.delete('q');
          a.href = pageURL(p);
        });
        nodes.push(active);
      }
      if (n) {
        // the order used: without a query, relevance is report order
        var cur = page.get('sort') || 'relevance';
        if (cur === 'relevance' && !page.get('q')) cur = 'order';
        var nav = el('nav', {className: 'sorts', 'aria-label': '排序'}, '排序：');
        sorts.forEach(function (s) {
          if (s[0] === 'relevance' && !page.get('q')) return;
          nav.appendChild(el('a', {href: link(page, function (p) { if (s[0] === 'relevance') p.delete('sort'); else p.set('sort', s[0]); }), 'aria-current': s[0] === cur ? 'true' : null}, s[1]));
        });
        nodes.push(nav);
      }
      var list = el('ol', {id: 'hits', className: 'hits', start: '1'});
      data.hits.forEach(function (h) {
        var a = el('a', {className: 'permalink', href: bulletURL(h.id)});
        // the fragments, HTML-escaped by the server with <mark> only, … where cut
        a.innerHTML = h.fragments.map(function (f, i) {
          return (f.cut_before || i > 0 ? '…' : '') + f.highlight + (f.cut_after && i === h.fragments.length - 1 ? '…' : '');
        }).join('');
        var meta = el('p', {className: 'meta'});
        if (reportNames) meta.append(el('a', {className: 'rep', href: '/r/' + encodeURIComponent(h.report)}, reportNames[h.report] || h.report), ' ');
        meta.append(el('span', {className: 'sec'}, h.section.id + ' ' + h.section.title));
        if (place(h.id)) meta.append(' ', el('span', {'aria-hidden': 'true'}, '›'), ' ', el('span', {className: 'place', title: '原文第 ' + h.lines.join('、') + ' 行'}, place(h.id)));
        var li = el('li', {className: 'hit'},
          el('p', {className: 'text'}, a, h.truncated ? el('span', {className: 'trunc', title: '原文此条在此处中断'}, '（原文不完整）') : null),
          meta);
        if (h.folded && h.folded.length) {
          // near duplicates that were hits of this page too: shown once, here
          var also = el('p', {className: 'see-also'}, '另见 ');
          h.folded.forEach(function (k, i) {
            if (i) also.appendChild(document.createTextNode('、'));
            also.appendChild(el('a', {href: bulletURL(k)}, seeAlsoLabel(k, h.section.id)));
          });
          also.appendChild(el('span', {className: 'note'}, '（内容相近，只显示一次）'));
          li.appendChild(also);
        }
        if (h.missing && h.missing.length) {
          var miss = el('p', {className: 'missing'}, '缺少：');
          h.missing.forEach(function (w, i) {
            if (i) miss.appendChild(document.createTextNode('、'));
            miss.appendChild(el('s', {}, w));
          });
          li.appendChild(miss);
        }
        if (h.metrics.length) {
          var chips = el('ul', {className: 'chips', 'aria-label': '数据'});
          h.metrics.forEach(function (m, i) {
            // each figure links to its series across reports
            var series = '/series?bullet=' + encodeURIComponent(h.id) + '&figure=' + i;
            chips.appendChild(el('li', {className: 'chip kind-' + m.kind, title: m.label || null}, el('a', {href: series}, m.text)));
          });
          li.appendChild(chips);
        }
        list.appendChild(li);
      });
      nodes.push(list);
      if (!n) {
        // as the server's empty state: drop the filters, index words close
        // to the typed ones, example queries that find something, the
        // sections to browse
        var filtered = ['section', 'kind', 'money', 'report'].some(function (k) { return page.has(k); });
        var clearLink = null;
        if (filtered && page.get('q')) {
          var only = new URLSearchParams();
          only.set('q', page.get('q'));
          clearLink = el('a', {href: pageURL(only)}, '去掉筛选条件');
        }
        var empty = el('div', {className: 'empty', id: 'empty'},
          el('p', null, '没有找到匹配的条目。试试更短的词或同义词', clearLink ? '，或' : null, clearLink, '。'));
        if (data.suggestions && data.suggestions.length) {
          // index words close to the typed ones, each searched alone
          var words = el('p', {className: 'words', id: 'suggest-words'}, '相近的词：');
          data.suggestions.forEach(function (x, i) {
            var p = new URLSearchParams();
            p.set('q', x);
            if (i) words.appendChild(document.createTextNode('、'));
            words.appendChild(el('a', {href: pageURL(p)}, x));
          });
          empty.appendChild(words);
        }
        var examples = [];
        try { examples = JSON.parse(form.dataset.examples || '[]'); } catch (e) { /* none */ }
        examples = examples.filter(function (x) { return x !== page.get('q'); });
        if (examples.length) {
          var ex = el('p', {className: 'examples'}, '可以试试：');
          examples.forEach(function (x, i) {
            var p = new URLSearchParams();
            p.set('q', x);
            if (i) ex.appendChild(document.createTextNode('、'));
            ex.appendChild(el('a', {href: pageURL(p)}, x));
          });
          empty.appendChild(ex);
        }
        if (browse) empty.appendChild(browse.cloneNode(true));
        nodes.push(empty);
      }
      var last = Math.min(Math.ceil(data.total / 10), 1000);
      if (last > 1) {
        var pager = el('nav', {className: 'pager', 'aria-label': '分页'});
        for (var i = 1; i <= Math.min(last, 5); i++) {
          if (i === 1) { pager.appendChild(el('span', {'aria-current': 'page'}, '1')); continue; }
          var pp = new URLSearchParams(page.toString());
          pp.set('page', String(i));
          pager.appendChild(el('a', {href: pageURL(pp)}, String(i)));
        }
        var np = new URLSearchParams(page.toString());
        np.set('page', '2');
        pager.appendChild(el('a', {rel: 'next', href: pageURL(np)}, '下一页'));
        nodes.push(pager);
      }
      results.replaceChildren.apply(results, nodes);

      var fnodes = [];
      var facet = function (id, title, items, name, label, single) {
        var ul = el('ul');
        items.forEach(function (f) {
          var on = single ? page.get(name) === f.value : page.getAll(name).indexOf(f.value) >= 0;
          if (!f.count && !on) return; // nothing to narrow to, as on the server
          ul.appendChild(el('li', null, el('a', {
            href: link(page, single ? toggleSingle(name, f.value) : toggle(name, f.value)),
            className: on ? 'on' : null, 'aria-current': on ? 'true' : null, 'data-value': f.value
          }, el('span', {className: 'label'}, label(f)), ' ', el('span', {className: 'count'}, f.count))));
        });
        if (ul.children.length) fnodes.push(el('section', {className: 'facet', id: id}, el('h2', null, title), ul));
      };
      if (reportNames) {
        // as the server: a facet shows when it has two values or is filtered on
        [['level', '级别'], ['region', '地区'], ['year', '年份'], ['report', '报告']].forEach(function (d) {
          var items = data.facets[d[0]] || [];
          var shown = items.filter(function (f) { return f.count || page.getAll(d[0]).indexOf(f.value) >= 0; });
          if (shown.length > 1 || page.getAll(d[0]).length) facet('facet-' + d[0], d[1], items, d[0], function (f) { return f.label || f.value; });
        });
      }
      var bySection = reportNames ? data.facets.section.slice() : data.facets.section.slice().sort(function (a, b) { return a.value < b.value ? -1 : a.value > b.value ? 1 : 0; });
      facet('facet-section', '章节', bySection, 'section', function (f) {
        return (reportNames ? (reportNames[f.report] || f.report) + ' · ' : '') + (f.label || f.value);
      });
      facet('facet-kind', '数据类别', data.facets.kind, 'kind', function (f) { return kinds[f.value] || f.value; });
      facet('facet-money', '金额范围', data.facets.money, 'money', function (f) { return f.label || f.value; }, true);
      facets.replaceChildren.apply(facets, fnodes);
    };
  }

  // ---- sortable figures table ----------------------------------------------

  // a table of one page of many is sorted by the server, across pages
  var table = document.getElementById('figures');
  if (table && table.tBodies.length && !table.dataset.paged) {
    var compare = {
      order: function (a, b) { return 0; },
      label: function (a, b) { return cmpStr(a.dataset.label, b.dataset.label); },
      value: function (a, b) { return parseFloat(a.dataset.value) - parseFloat(b.dataset.value); },
      kind: function (a, b) { return kindRank(a) - kindRank(b); }
    };
    // by value, figures compare only within a kind (in corpus order, money
    // first) and unit, as on the server; each run gets a heading row
    var kindRank = function (r) { return parseInt(r.dataset.kindRank, 10); };
    var group = function (a, b) { return kindRank(a) - kindRank(b) || cmpStr(a.dataset.unit, b.dataset.unit); };
    var groupLabel = function (r) { return (kinds[r.dataset.kind] || r.dataset.kind) + (r.dataset.unit ? '（' + r.dataset.unit + '）' : ''); };
    var cmpStr = function (x, y) { return x < y ? -1 : x > y ? 1 : 0; };
    var order = function (r) { return parseInt(r.dataset.order, 10); };
    table.querySelectorAll('th[data-key] a').forEach(function (a) {
      a.addEventListener('click', function (e) {
        e.preventDefault();
        var th = a.closest('th');
        var key = th.dataset.key;
        var desc = th.getAttribute('aria-sort') === 'ascending';
        var body = table.tBodies[0];
        body.querySelectorAll('tr.group').forEach(function (r) { r.remove(); });
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          if (key === 'order') return desc ? order(y) - order(x) : order(x) - order(y);
          if (key === 'value' && group(x, y)) return group(x, y);
          var c = compare[key](x, y);
          if (desc) c = -c;
          return c || order(x) - order(y);
        });
        rows.forEach(function (r, i) {
          if (key === 'value' && (i === 0 || group(rows[i - 1], r))) {
            body.appendChild(el('tr', {className: 'group'}, el('th', {colspan: '5', scope: 'rowgroup'}, groupLabel(r))));
          }
          body.appendChild(r);
        });
        table.querySelectorAll('th[data-key]').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
        var u = new URL(location.href);
        u.searchParams.set('sort', key);
        if (desc) u.searchParams.set('dir', 'desc'); else u.searchParams.delete('dir');
        history.replaceState(null, '', u.pathname + u.search);
      });
    });
  }
})();
