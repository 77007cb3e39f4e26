/* annals search page: answers the search box wherever the site is opened.
 *
 * Served by `annals serve`, it asks the server (`api/search`). Opened from disk, a USB stick,
 * or any static host (nginx, IIS, `python3 -m http.server`), it answers the query itself from
 * the static index `annals build` wrote into searchindex/ (see src/search/bundle): the same
 * entries, normalisation, tokens and query language as the server, so the same query finds
 * the same documents, records and years, with the same facet counts.
 *
 * Plain ES2017, loaded as a classic script: Chromium 76 and later, from file:// too, where
 * fetch, XHR, modules and workers fail. Data files are classic scripts that call
 * `annalsData(key, length, packed)`; each carries raw deflate in a UTF-16 string, 15 bits a
 * code unit (src/search/bundle/encode.rs).
 */
(function () {
  'use strict';

  var app = document.getElementById('search-app');
  if (!app) return;
  var ROOT = app.getAttribute('data-root') || '';
  var DATA = ROOT + 'searchindex/';
  var FORMAT = 3;
  var SNIPPET_CHARS = 90;
  var LEAD = 12;
  var MAX_QUERY_CHARS = 256;
  var MAX_SECTION_DOCUMENTS = 2000;
  var PART = 768 * 1024;

  /* ---------------------------------------------------------------- loading */

  // What a query cost: data files and their bytes (as on disk), and milliseconds from the
  // page's first engine step (search.html starts the clock before the files it loads beside
  // this script) to the results shown (scripts/bench-static-search reads them).
  var started = window.annalsStart || performance.now();
  // `asked`: each file loaded after the page's own, with how many of those had arrived when
  // it was asked for (the bench replays these waves without the engine: the loading floor).
  // `marks`: milliseconds at each step of a query (`engine`: this script runs; `index`: the
  // meta read; `matched`: the lists in and matched; `texts`: the page's texts in), which the
  // bench prints beside the total.
  var stats = { files: 0, bytes: 0, ms: 0, written: 0, asked: [], arrived: 0, inflater: 'js', marks: {} };
  window.annalsSearchStats = stats;
  function mark(step) {
    if (!(step in stats.marks)) stats.marks[step] = performance.now() - started;
  }
  mark('engine');
  var waiting = {};
  // Per file asked for: what to do once its script has run or failed (see `load`).
  var unsettled = {};
  var loads = {};
  var early = window.annalsEarly || {};

  function counted(key, n, packed) {
    stats.files += 1;
    stats.bytes += 2 + 2 * (packed.length + key.length + String(n).length + 20);
    return unpack(packed, n);
  }

  window.annalsData = function (key, n, packed) {
    var w = waiting[key];
    if (w) {
      delete waiting[key];
      stats.arrived += 1;
      w(counted(key, n, packed));
    }
  };

  /** The payload of data file `key` once the inflater is settled (WebAssembly or not): the
   *  large payloads (lists, texts, columns) wait for it rather than inflate in JavaScript. */
  function loaded(key) {
    return Promise.all([load(key), inflaterReady]).then(function (x) { return x[0]; });
  }

  /** The payload of data file `key` (a promise of bytes). */
  function load(key) {
    if (loads[key]) return loads[key];
    if (early[key]) {
      var x = early[key];
      delete early[key];
      loads[key] = Promise.resolve(counted(key, x[0], x[1]));
      return loads[key];
    }
    stats.asked.push([key, stats.arrived]);
    loads[key] = new Promise(function (resolve, reject) {
      waiting[key] = resolve;
      // A file that loads without calling annalsData (not one of ours) or fails to load.
      unsettled[key] = function () {
        if (waiting[key]) {
          delete waiting[key];
          reject(missing(key));
        }
      };
      var src = DATA + key + '.js';
      if (parsing()) {
        stats.written += 1;
        document.write('<script src="' + src.replace(/&/g, '&amp;').replace(/"/g, '&quot;') +
          '" onload="annalsSettled(\'' + key + '\',this)" onerror="annalsSettled(\'' + key +
          '\',this)"></scr' + 'ipt>');
        return;
      }
      var el = document.createElement('script');
      el.src = src;
      el.onload = el.onerror = function () { window.annalsSettled(key, el); };
      document.head.appendChild(el);
    });
    return loads[key];
  }
  window.annalsSettled = function (key, el) {
    if (el.parentNode) el.parentNode.removeChild(el);
    var f = unsettled[key];
    delete unsettled[key];
    if (f) f();
  };

  /** Whether a data file can still be asked for as the page's own script: the page is being
   *  parsed and what runs now is one of its scripts (search.js itself, or a data file it
   *  asked for so), not a task that came later (a WebAssembly module compiled in the
   *  background, a search typed in).
   *
   *  A script written into the page while it is parsed is loaded by the parser; one appended
   *  to the document waits for the browser to finish the navigation first. From file:// in
   *  Chromium that wait was much of the lists' wave: cold queries on the 10k benchmark, each
   *  paired with the appended way, -3.8 ms median of 100 (-2.0 of 60, -8.4 of 50; lists in
   *  after 26.9 ms instead of 29.9). Writing from any other moment would replace the page. */
  function parsing() {
    var s = document.currentScript;
    return document.readyState === 'loading' && !!s && !s.async && !s.defer;
  }

  /** The error of data file `key` not there (or not one of ours). */
  function missing(key) {
    var e = new Error(key);
    e.missing = true;
    return e;
  }

  /** The payload of a data file: `n` bytes, 15 bits in each code unit of `s`. In WebAssembly
   *  once the page has it (see `wasmUnpacker`), else here. */
  function unpack(s, n) {
    return fastUnpack ? fastUnpack(s, n) : unpackJs(s, n);
  }

  function unpackJs(s, n) {
    var out = new Uint8Array(n);
    var acc = 0, bits = 0, o = 0;
    for (var i = 0; i < s.length && o < n; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x202a) c -= 2;
      acc |= (c - 0x800) << bits;
      bits += 15;
      while (bits >= 8 && o < n) {
        out[o++] = acc & 255;
        acc >>>= 8;
        bits -= 8;
      }
    }
    return out;
  }

  /* ---------------------------------------------------------------- inflate */

  var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  /** A lookup table of a canonical Huffman code: entry = symbol << 4 | length. */
  function huffman(lengths, n) {
    var max = 0, count = new Uint16Array(16), next = new Uint16Array(16), i;
    for (i = 0; i < n; i++) {
      count[lengths[i]]++;
      if (lengths[i] > max) max = lengths[i];
    }
    count[0] = 0;
    var code = 0;
    for (i = 1; i < 16; i++) {
      code = (code + count[i - 1]) << 1;
      next[i] = code;
    }
    var size = 1 << max, t = new Uint32Array(size);
    for (var s = 0; s < n; s++) {
      var len = lengths[s];
      if (!len) continue;
      var c = next[len]++, r = 0;
      for (i = 0; i < len; i++) {
        r = (r << 1) | (c & 1);
        c >>= 1;
      }
      for (var j = r; j < size; j += 1 << len) t[j] = (s << 4) | len;
    }
    return { t: t, mask: size - 1, max: max };
  }

  var FIXED_LIT, FIXED_DIST;
  (function () {
    var l = new Uint8Array(288), i;
    for (i = 0; i < 144; i++) l[i] = 8;
    for (; i < 256; i++) l[i] = 9;
    for (; i < 280; i++) l[i] = 7;
    for (; i < 288; i++) l[i] = 8;
    FIXED_LIT = huffman(l, 288);
    var d = new Uint8Array(30);
    for (i = 0; i < 30; i++) d[i] = 5;
    FIXED_DIST = huffman(d, 30);
  })();

  /** Raw deflate -> bytes; `dict` primes the window (zlib's preset dictionary); `size`, when
   *  known, is the inflated length. In WebAssembly when the page has it (see below), which a
   *  cold page runs 4-6 times faster than the same work in JavaScript. */
  function inflate(src, dict, size) {
    return fastInflate ? fastInflate(src, dict, size) : inflateJs(src, dict, size);
  }

  var fastInflate = null, fastUnpack = null, fastPositional = null, fastSelect = null, fastTally = null;

  /** The module's memory grown to `need` bytes at least. */
  function room(mem, need) {
    if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
  }
  // assets/search-inflate.js (built by scripts/build-wasm from wasm/inflate) leaves the
  // module's instance where the browser compiled it at once, else the promise of it (null
  // where WebAssembly is off or refuses it: then JavaScript inflates and unpacks).
  function useWasm(r) {
    if (!r || !r.instance) return;
    // The module's memory past its own data: the columns (kept for the page's queries) from
    // `heap.top` down, and above them each call's room, used and left within the call.
    var ex = r.instance.exports, heap = { top: ex.__heap_base.value };
    fastInflate = wasmInflater(ex, heap);
    fastUnpack = wasmUnpacker(ex, heap);
    fastPositional = wasmPositional(ex, heap);
    fastSelect = wasmSelect(ex, heap);
    fastTally = wasmTally(ex, heap);
    stats.inflater = 'wasm';
  }
  var built = window.annalsInflater;
  if (built && built.instance) useWasm(built);
  var inflaterReady = fastInflate ? Promise.resolve() : Promise.resolve(built || null).then(useWasm, function () {});

  /** wasm/inflate's `positional` (the same matching as `positional` below, for lists
   *  without escaped gaps): each list's arrays, bytes and offsets copied into the module's
   *  memory, 12 words a list (the order wasm/inflate/src/lib.rs reads them in). */
  function wasmPositional(ex, heap) {
    if (typeof ex.positional !== 'function') return null;
    var mem = ex.memory;
    return function (ls, shifts) {
      var base = heap.top, n = ls.length, first = ls[0].size, need = base + 4 * (12 * n + 3 * first), i, l;
      for (i = 0; i < n; i++) need += 16 * ls[i].size + ls[i].b0.length + 4;
      room(mem, need);
      var m8 = new Uint8Array(mem.buffer), m32 = new Int32Array(mem.buffer);
      var words = base, at = base + 48 * n;
      var put = function (a, size) { m32.set(a.subarray(0, size), at >> 2); var p = at; at += 4 * size; return p; };
      for (i = 0; i < n; i++) {
        l = ls[i];
        var w = (words >> 2) + 12 * i;
        m32[w] = l.size;
        m32[w + 1] = put(l.e, l.size);
        m32[w + 2] = put(l.a, l.size);
        m32[w + 3] = put(l.b, l.size);
        m32[w + 4] = put(l.k, l.size);
        m32[w + 5] = at;
        m8.set(l.b0, at);
        at += (l.b0.length + 3) & ~3;
        m32[w + 6] = l.hi;
        m32[w + 7] = l.lo;
        m32[w + 8] = shifts[i];
      }
      var oe = at, ot = oe + 4 * first, ox = ot + 4 * first;
      var count = ex.positional(n, words, oe, ot, ox);
      var out = new Run(0);
      out.e = m32.slice(oe >> 2, (oe >> 2) + count);
      out.a = m32.slice(ot >> 2, (ot >> 2) + count);
      out.b = m32.slice(ox >> 2, (ox >> 2) + count);
      out.size = count;
      return out;
    };
  }

  /** The columns filters and facets read (all but the dates), as 32-bit copies in the module's memory below
   *  `heap.top` (made at the page's first query, kept for the next): byte offsets by name. */
  function columnsIn(ex, heap) {
    if (heap.columns) return heap.columns;
    var copied = COLUMNS.filter(function (name) { return name !== 'date'; });
    var count = meta.count, out = {}, size = 4 * count + 7 & ~7;
    room(ex.memory, heap.top + copied.length * size);
    var m32 = new Int32Array(ex.memory.buffer);
    copied.forEach(function (name) {
      out[name] = heap.top;
      m32.set(meta.columns[name], heap.top >> 2);
      heap.top += size;
    });
    heap.columns = out;
    return out;
  }

  /** wasm/inflate's `select` (the same as `select` below): the kinds asked for, the filters
   *  and the terms' lists written as its plan, the entries found and their scores read back. */
  function wasmSelect(ex, heap) {
    if (typeof ex.select !== 'function') return null;
    return function (kindOk, filters, must, not) {
      var count = meta.count, cols = columnsIn(ex, heap), vals = meta.columns.values;
      var plan = [cols.kind, 0], idf = [], refs = [], words = 0;
      // Each list's arrays, and for each where its pointers go in the plan.
      var list = function (m, withCounts) {
        var arrays = withCounts ? [m.e, m.a, m.b] : [m.e];
        refs.push([plan.length, arrays, m.size]);
        words += arrays.length * m.size;
      };
      var fields = filters.filter(function (f) { return f.field !== 'kind'; });
      plan.push(fields.length);
      fields.forEach(function (f) {
        if (f.field === 'year') plan.push(cols.year, 0, f.from, f.to);
        else plan.push(cols[f.field], 1, vals[f.field].indexOf(f.value), 0);
      });
      plan.push(must.length);
      must.forEach(function (alts) {
        var real = alts.filter(function (m) { return m; });
        plan.push(real.length);
        real.forEach(function (m) {
          list(m, true);
          plan.push(0, 0, 0, m.size, idf.length);
          idf.push(Math.log(1 + count / (m.size + 0.5)));
        });
      });
      var nots = [];
      not.forEach(function (alts) { alts.forEach(function (m) { if (m) nots.push(m); }); });
      plan.push(nots.length);
      nots.forEach(function (m) {
        list(m, false);
        plan.push(0, m.size);
      });
      // Layout: the kinds' table, the plan, the weights, the lists, then ok, hit, found, scores.
      var at = heap.top, table = at;
      at += 4 * kindOk.length + 7 & ~7;
      var planAt = at;
      at += 4 * plan.length + 7 & ~7;
      var idfAt = at;
      at += 8 * idf.length;
      var listsAt = at;
      at += 4 * words;
      var okAt = at, hitAt = okAt + count, foundAt = hitAt + count + 7 & ~7, scoresAt = foundAt + 4 * count + 7 & ~7;
      room(ex.memory, scoresAt + 8 * count);
      var m32 = new Int32Array(ex.memory.buffer), w = listsAt >> 2;
      refs.forEach(function (r) {
        r[1].forEach(function (a, j) {
          plan[r[0] + j] = w << 2;
          m32.set(a.subarray(0, r[2]), w);
          w += r[2];
        });
      });
      plan[1] = table;
      m32.set(kindOk, table >> 2);
      m32.set(plan, planAt >> 2);
      new Float64Array(ex.memory.buffer, idfAt, idf.length).set(idf);
      var n = ex.select(count, planAt, idfAt, okAt, hitAt, foundAt, scoresAt);
      return {
        found: Array.from(new Int32Array(ex.memory.buffer, foundAt, n)),
        scores: new Float64Array(ex.memory.buffer.slice(scoresAt, scoresAt + 8 * count))
      };
    };
  }

  /** wasm/inflate's `tally`: the facet counts of a column (a 32-bit copy, see `columnsIn`)
   *  over the entries found, as value, count, value, count... ascending. A column of value
   *  numbers has as many values as its table; the year column, years (below 65,536 in its
   *  16 bits). Null for a column of 32 bits (then `countFacets` counts in JavaScript). */
  function wasmTally(ex, heap) {
    if (typeof ex.tally !== 'function') return null;
    return function (found, name) {
      if (meta.columns[name] instanceof Uint32Array) return null;
      var table = meta.columns.values[name], values = table ? table.length : 65536, cols = columnsIn(ex, heap);
      var foundAt = heap.top, countsAt = foundAt + 4 * found.length + 7 & ~7, outAt = countsAt + 4 * values;
      room(ex.memory, outAt + 8 * values);
      new Int32Array(ex.memory.buffer).set(found, foundAt >> 2);
      var k = ex.tally(found.length, foundAt, cols[name], countsAt, values, outAt);
      return new Int32Array(ex.memory.buffer, outAt, 2 * k).slice();
    };
  }

  /** wasm/inflate's `unpack`: the string's UTF-8 (three bytes a code unit) written into the
   *  module's memory by the browser's own encoder, and unpacked there; null where the browser
   *  has no `encodeInto` (Chromium before 74). */
  function wasmUnpacker(ex, heap) {
    if (typeof TextEncoder !== 'function' || !TextEncoder.prototype.encodeInto) return null;
    var encoder = new TextEncoder(), mem = ex.memory;
    return function (s, n) {
      var base = heap.top, need = base + 3 * s.length;
      room(mem, need);
      var m = new Uint8Array(mem.buffer);
      var put = encoder.encodeInto(s, m.subarray(base, need));
      if (put.read !== s.length || put.written !== 3 * s.length) return unpackJs(s, n);
      var got = ex.unpack(base, s.length, n);
      var out = new Uint8Array(n);
      out.set(m.subarray(base, base + got));
      return out;
    };
  }

  /** wasm/inflate's `inflate` over its memory: the input at the heap's start, then the window
   *  (dictionary, output); a window too small is doubled and the call repeated. */
  function wasmInflater(ex, heap) {
    var mem = ex.memory;
    return function (src, dict, size) {
      var base = heap.top, dl = dict ? dict.length : 0, cap = dl + (size || Math.max(1024, src.length * 4));
      for (;;) {
        var need = base + src.length + cap;
        room(mem, need);
        var m = new Uint8Array(mem.buffer), out = base + src.length;
        m.set(src, base);
        if (dict) m.set(dict, out);
        var n = ex.inflate(base, src.length, out, dl, cap);
        if (n >= 0) return m.slice(out + dl, out + dl + n);
        if (n !== -1) throw new Error('bad deflate stream');
        cap *= 2;
      }
    };
  }

  /** The same in JavaScript: one loop with the bit buffer in locals, since it runs cold
   *  (interpreted) on a page's first query, where every call and closure costs. */
  function inflateJs(src, dict, size) {
    var start = dict ? dict.length : 0, end = src.length;
    var out = new Uint8Array(start + (size || Math.max(1024, end * 4)));
    if (dict) out.set(dict, 0);
    var o = start, pos = 0, buf = 0, cnt = 0, last = 0, i, e, len, x, n, back, need, lit, dist;
    while (!last) {
      if (pos > end + 4) throw new Error('truncated');
      while (cnt < 3) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
      last = buf & 1;
      var type = (buf >>> 1) & 3;
      buf >>>= 3;
      cnt -= 3;
      if (type === 0) {
        buf >>>= cnt & 7;
        cnt -= cnt & 7;
        while (cnt < 32 && cnt > 0) { cnt -= 8; pos--; }
        buf = 0;
        cnt = 0;
        len = src[pos] | (src[pos + 1] << 8);
        pos += 4;
        if (o + len > out.length) out = grow(out, o, o + len);
        out.set(src.subarray(pos, pos + len), o);
        o += len;
        pos += len;
        continue;
      } else if (type === 1) {
        lit = FIXED_LIT;
        dist = FIXED_DIST;
      } else if (type === 2) {
        while (cnt < 14) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
        var hlit = (buf & 31) + 257, hdist = ((buf >>> 5) & 31) + 1, hclen = ((buf >>> 10) & 15) + 4;
        buf >>>= 14;
        cnt -= 14;
        var cl = new Uint8Array(19);
        for (i = 0; i < hclen; i++) {
          while (cnt < 3) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
          cl[ORDER[i]] = buf & 7;
          buf >>>= 3;
          cnt -= 3;
        }
        var clh = huffman(cl, 19);
        var lens = new Uint8Array(hlit + hdist);
        for (i = 0; i < hlit + hdist;) {
          while (cnt < 16) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
          e = clh.t[buf & clh.mask];
          if (!(e & 15)) throw new Error('bad code');
          buf >>>= e & 15;
          cnt -= e & 15;
          var s = e >>> 4, rep = 0, val = 0;
          if (s < 16) {
            lens[i++] = s;
            continue;
          }
          if (s === 16) {
            if (!i) throw new Error('bad lengths');
            val = lens[i - 1];
            rep = 3 + (buf & 3); buf >>>= 2; cnt -= 2;
          } else if (s === 17) {
            rep = 3 + (buf & 7); buf >>>= 3; cnt -= 3;
          } else {
            rep = 11 + (buf & 127); buf >>>= 7; cnt -= 7;
          }
          while (rep-- && i < hlit + hdist) lens[i++] = val;
        }
        lit = huffman(lens.subarray(0, hlit), hlit);
        dist = huffman(lens.subarray(hlit), hdist);
      } else {
        throw new Error('bad block');
      }
      var lt = lit.t, lm = lit.mask, dt = dist.t, dm = dist.mask;
      for (;;) {
        if (cnt < 15) {
          if (pos > end + 4) throw new Error('truncated');
          buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8;
          if (cnt < 15) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
        }
        e = lt[buf & lm];
        len = e & 15;
        if (!len) throw new Error('bad code');
        buf >>>= len;
        cnt -= len;
        x = e >>> 4;
        if (x < 256) {
          if (o >= out.length) out = grow(out, o, o + 1);
          out[o++] = x;
          continue;
        }
        if (x === 256) break;
        x -= 257;
        need = LEXT[x];
        while (cnt < need + 15) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
        n = LBASE[x] + (buf & ((1 << need) - 1));
        buf >>>= need;
        cnt -= need;
        e = dt[buf & dm];
        len = e & 15;
        if (!len) throw new Error('bad code');
        buf >>>= len;
        cnt -= len;
        x = e >>> 4;
        need = DEXT[x];
        while (cnt < need) { buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8; }
        back = DBASE[x] + (buf & ((1 << need) - 1));
        buf >>>= need;
        cnt -= need;
        if (back > o) throw new Error('bad distance');
        if (o + n > out.length) out = grow(out, o, o + n);
        for (i = 0; i < n; i++, o++) out[o] = out[o - back];
      }
    }
    return out.subarray(start, o);
  }

  function grow(out, o, least) {
    var bigger = new Uint8Array(Math.max(out.length * 2, least));
    bigger.set(out.subarray(0, o));
    return bigger;
  }

  var utf8 = new TextDecoder('utf-8');

  function json(bytes, dict) {
    return JSON.parse(utf8.decode(inflate(bytes, dict)));
  }

  /* ------------------------------------------------ text as the index sees it */

  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var ALPHA = /^\p{Alphabetic}+$/u;
  var SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  var variants = {};

  function isSpaceRust(ch) {
    return SPACE.test(ch);
  }

  /** Where `s` is left by str::trim: [from, to] in code units (every space is in the Basic
   *  Multilingual Plane, and half a surrogate pair is none, so no character is split). */
  function trimmed(s) {
    var i = 0, j = s.length;
    while (i < j && isSpaceRust(s[i])) i++;
    while (j > i && isSpaceRust(s[j - 1])) j--;
    return [i, j];
  }

  function trim(s) {
    var t = trimmed(s);
    return s.slice(t[0], t[1]);
  }

  function isIdeograph(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
  }

  function isWide(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3000 && c <= 0x303f) || (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3100 && c <= 0x312f) || (c >= 0x31a0 && c <= 0x31bf) || (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x3ffff) ||
      '“”‘’—…·'.indexOf(ch) >= 0;
  }

  function isAlnum(ch) {
    return ALNUM.test(ch);
  }

  function isWordChar(ch) {
    var c = ch.codePointAt(0);
    if (c < 128) return /[0-9A-Za-z]/.test(ch);
    if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) ||
      (c >= 0xff1a && c <= 0xff20)) return false;
    return isAlnum(ch);
  }

  /** search::tokenizer::normalize: full-width letters and digits made ASCII, spaces that
   *  touch a Chinese character dropped between two solid characters. */
  function normalize(text) {
    var chars = Array.from(text).map(function (ch) {
      var c = ch.codePointAt(0);
      if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) {
        return String.fromCodePoint(c - 0xfee0);
      }
      return ch;
    });
    var isSpace = function (ch) { return ch === ' ' || ch === '\t' || ch === '\u3000'; };
    var ideo = function (ch) { return isIdeograph(ch.codePointAt(0)); };
    var solid = function (ch) { return ideo(ch) || isAlnum(ch) || isWide(ch); };
    var out = '', i = 0;
    while (i < chars.length) {
      if (isSpace(chars[i])) {
        var start = i;
        while (i < chars.length && isSpace(chars[i])) i++;
        var b = start > 0 ? chars[start - 1] : null, a = i < chars.length ? chars[i] : null;
        var drop = b !== null && a !== null && solid(b) && solid(a) &&
          (ideo(b) || ideo(a) || isWide(b) || isWide(a));
        if (!drop) out += ' ';
        continue;
      }
      out += chars[i];
      i++;
    }
    return out;
  }

  function simplified(ch) {
    return variants[ch] || ch;
  }

  var variantsRe = null;

  /** search::variants::fold over a whole text at once (one native pass, not a call per
   *  character): traditional to simplified, ASCII to lower case; each character maps to
   *  one, so offsets stay. */
  function foldText(s) {
    if (variantsRe === null) {
      var keys = Object.keys(variants).map(function (c) { return c.replace(/[\\\]\[^-]/g, '\\$&'); });
      variantsRe = keys.length ? new RegExp('[' + keys.join('') + ']', 'gu') : false;
    }
    if (variantsRe) s = s.replace(variantsRe, simplified);
    return s.replace(/[A-Z]+/g, function (w) { return w.toLowerCase(); });
  }

  /** A token's text as the index writes it (tokenizer::push_lower). */
  function tokenText(chars, lower) {
    var s = '';
    for (var i = 0; i < chars.length; i++) s += lower ? simplified(chars[i]).toLowerCase() : simplified(chars[i]);
    return s;
  }

  /** tokenizer::bigrams: the query side's tokens at their character offsets, or with `edges`
   *  every run's first and last character alone too (`Edges::All`, what a text is checked
   *  by, as search::checked does on the server). */
  function bigrams(text, edges) {
    var chars = Array.from(text), out = [], i = 0;
    while (i < chars.length) {
      if (isIdeograph(chars[i].codePointAt(0))) {
        var start = i;
        while (i < chars.length && isIdeograph(chars[i].codePointAt(0))) i++;
        if (i - start === 1 || edges) out.push({ t: tokenText([chars[start]], false), p: start, kind: 'single' });
        for (var k = start; k < i - 1; k++) out.push({ t: tokenText(chars.slice(k, k + 2), false), p: k, kind: 'pair' });
        if (edges && i - start > 1) out.push({ t: tokenText([chars[i - 1]], false), p: i - 1, kind: 'single' });
      } else if (isWordChar(chars[i])) {
        var s = i;
        while (i < chars.length && isWordChar(chars[i]) && !isIdeograph(chars[i].codePointAt(0))) i++;
        out.push({ t: tokenText(chars.slice(s, i), true), p: s, kind: 'word' });
      } else {
        i++;
      }
    }
    return out;
  }

  /* ------------------------------------------------------ the query language */

  function isOpenQuote(c) { return c === '"' || c === '“' || c === '「' || c === '『'; }
  function isCloseQuote(c) { return c === '"' || c === '”' || c === '」' || c === '』'; }

  /** search::query::lex: [negated, text, quoted] tokens. */
  function lex(q, notes) {
    var chars = Array.from(q), out = [], i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isSpaceRust(c)) { i++; continue; }
      var negated = c === '-' || c === '－';
      if (negated) {
        i++;
        if (i >= chars.length || isSpaceRust(chars[i])) {
          notes.push('单独的“-”已忽略：排除某词请写成 -词语');
          continue;
        }
      }
      if (isOpenQuote(chars[i])) {
        var start = i + 1, end = start;
        while (end < chars.length && !isCloseQuote(chars[end])) end++;
        if (end >= chars.length) notes.push('引号没有闭合，已按到结尾的短语搜索');
        out.push([negated, chars.slice(start, Math.min(end, chars.length)).join(''), true]);
        i = end + 1;
      } else {
        var s = i;
        while (i < chars.length && !isSpaceRust(chars[i]) && !isOpenQuote(chars[i])) i++;
        out.push([negated, chars.slice(s, i).join(''), false]);
      }
    }
    return out;
  }

  function fieldValue(raw) {
    var m = /[:：]/.exec(raw);
    if (!m) return null;
    var field = raw.slice(0, m.index), value = raw.slice(m.index + 1);
    // A URL's `//` is no filter value.
    if (!field || !ALPHA.test(field) || (value.charAt(0) === '/' && value.charAt(1) === '/')) return null;
    return [field, value];
  }

  function truncate(s, n) {
    var a = Array.from(s);
    return a.length > n ? a.slice(0, n).join('') + '…' : s;
  }

  /** A `field:value` filter; null for an unknown field; {note} for a bad value. */
  function filter(field, value) {
    value = trim(value);
    if (!value) return { note: '筛选条件“' + field + ':”缺少值，已忽略' };
    var f = field.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
    if (f === 'year' || f === '年度') {
      var year = function (s) {
        s = trim(s);
        if (!/^[+-]?[0-9]+$/.test(s)) return null;
        var y = parseInt(s, 10);
        return y >= 1949 && y <= 2200 ? y : null;
      };
      var dots = value.indexOf('..');
      var a = dots >= 0 ? year(value.slice(0, dots)) : year(value);
      var b = dots >= 0 ? year(value.slice(dots + 2)) : year(value);
      if (a === null || b === null) {
        return { note: '年度“' + value + '”无法识别，请写成 year:2024 或 year:2020..2023；已忽略' };
      }
      return { field: 'year', from: Math.min(a, b), to: Math.max(a, b) };
    }
    var names = { type: 'type', '文种': 'type', status: 'status', '状态': 'status', category: 'category',
      '类别': 'category', unit: 'unit', '单位': 'unit', kind: 'kind' };
    if (!Object.prototype.hasOwnProperty.call(names, f)) return null;
    return { field: names[f], value: value };
  }

  function asFilter(raw) {
    var fv = fieldValue(raw);
    if (!fv) return null;
    var f = filter(fv[0], fv[1]);
    return f && !f.note ? f : null;
  }

  /** search::query::parse */
  function parse(q) {
    var p = { must: [], mustNot: [], filters: [], notes: [] };
    var chars = Array.from(q);
    if (chars.length > MAX_QUERY_CHARS) {
      p.notes.push('查询过长，只使用了前 ' + MAX_QUERY_CHARS + ' 个字');
      q = chars.slice(0, MAX_QUERY_CHARS).join('');
    }
    lex(q, p.notes).forEach(function (tok) {
      var negated = tok[0], raw = tok[1], quoted = tok[2];
      if (!quoted) {
        var fv = fieldValue(raw);
        if (fv) {
          var f = filter(fv[0], fv[1]);
          if (f && !f.note && !negated) { p.filters.push(f); return; }
          if (f && !f.note) { p.notes.push('筛选条件不能排除，“-' + raw + '”已忽略'); return; }
          if (f && f.note) { p.notes.push(f.note); return; }
          p.notes.push('未知的筛选字段“' + fv[0] + '”，已按普通文字搜索（可用 year、type、status、category、unit、kind）');
        }
      }
      var text = normalize(trim(raw));
      if (!Array.from(text).some(isAlnum)) {
        if (trim(raw)) p.notes.push('“' + truncate(raw, 20) + '”中没有可搜索的文字，已忽略');
        return;
      }
      (negated ? p.mustNot : p.must).push({ text: text, phrase: quoted });
    });
    if (!p.must.length && !p.filters.length) {
      p.notes.push(p.mustNot.length ? '只有排除的词，请再加上要搜索的词语' : '请输入要搜索的词语');
    }
    return p;
  }

  function filterTokens(q) {
    return lex(q, []).filter(function (t) { return !t[0] && !t[2] && asFilter(t[1]); })
      .map(function (t) { return t[1]; });
  }

  function withoutFilters(q) {
    return lex(q, []).filter(function (t) { return t[2] || !asFilter(t[1]); }).map(function (t) {
      var minus = t[0] ? '-' : '';
      return t[2] ? minus + '"' + t[1] + '"' : minus + t[1];
    }).join(' ');
  }

  /* -------------------------------------------------------------- vocabulary */

  function distance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 0; i < a.length; i++) {
      var prev = row[0];
      row[0] = i + 1;
      for (j = 0; j < b.length; j++) {
        var cur = row[j + 1];
        row[j + 1] = a[i] === b[j] ? prev : 1 + Math.min(prev, cur, row[j]);
        prev = cur;
      }
    }
    return row[b.length];
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function closest(word, candidates) {
    var mine = {};
    Array.from(word).forEach(function (c) { mine[c] = true; });
    var scored = candidates.map(function (c) {
      var seen = {}, shared = 0;
      Array.from(c).forEach(function (x) {
        if (mine[x] && !seen[x]) { seen[x] = true; shared++; }
      });
      return [shared, distance(word, c), c];
    }).filter(function (s) { return s[0] > 0; });
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1] || cmp(a[2], b[2]); });
    var out = [];
    for (var i = 0; i < scored.length && out.length < 3; i++) {
      if (out.indexOf(scored[i][2]) < 0) out.push(scored[i][2]);
    }
    return out;
  }

  function canonicalize(meta, parsed) {
    var fields = meta.vocabulary.fields;
    parsed.filters.forEach(function (f) {
      if (f.field === 'year') return;
      var values = fields[f.field];
      if (!values || !values.known.length || values.known.indexOf(f.value) >= 0) return;
      if (Object.prototype.hasOwnProperty.call(values.aliases, f.value)) {
        f.value = values.aliases[f.value];
        return;
      }
      var lower = f.value.toLowerCase();
      for (var i = 0; i < values.known.length; i++) {
        if (values.known[i].toLowerCase() === lower) { f.value = values.known[i]; return; }
      }
      var near = closest(f.value, values.known.concat(Object.keys(values.aliases).sort(cmp)));
      parsed.notes.push(near.length
        ? '档案中没有“' + f.field + ':' + f.value + '”这个值，所以没有结果；最接近的有：' +
          near.map(function (c) { return f.field + ':' + c; }).join('、')
        : '档案中没有“' + f.field + ':' + f.value + '”这个值，所以没有结果');
    });
  }

  /* ------------------------------------------------------------- the index */

  var meta = null;
  var COLUMNS = ['kind', 'year', 'type', 'unit', 'category', 'status', 'date'];

  /** The meta: what a query needs before it asks for its lists. Read at once, in JavaScript
   *  if the WebAssembly inflater is still compiling (it is small), so the lists are asked
   *  for sooner: on the 10k benchmark the meta was read at 7 ms instead of 8 (median, a
   *  fast machine; more where compiling takes longer). */
  function openIndex() {
    return load('meta').then(function (packed) {
      var m = json(packed);
      if (m.format !== FORMAT) throw new Error('format');
      variants = {};
      variantsRe = null;
      var v = Array.from(m.variants);
      for (var i = 0; i + 1 < v.length; i += 2) variants[v[i]] = v[i + 1];
      meta = m;
      mark('index');
      return m;
    });
  }

  var columnsRead = null;
  // The columns are little-endian: where the machine is too (every browser's, in practice) a
  // column is the bytes' copy seen as 16- or 32-bit integers, not a loop over 10,000 entries
  // (which a cold page runs interpreted, and then compiles in the background).
  var LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  /** The columns (filters, facets, dates) in `meta.columns`, once read: asked for beside the
   *  meta, decoded while a query's lists load (mod.rs: `columns`). */
  function columns() {
    if (columnsRead) return columnsRead;
    columnsRead = loaded('columns').then(function (packed) {
      var b = inflate(packed), n = b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24), at = 4, out = { values: meta.values };
      COLUMNS.forEach(function (name) {
        var w = b[at++], i, col;
        if (w === 1) {
          col = b.slice(at, at + n);
          at += n;
        } else if (w === 2) {
          col = LITTLE ? new Uint16Array(b.slice(at, at + 2 * n).buffer) : new Uint16Array(n);
          if (!LITTLE) for (i = 0; i < n; i++) col[i] = b[at + 2 * i] | (b[at + 2 * i + 1] << 8);
          at += 2 * n;
        } else {
          col = LITTLE ? new Uint32Array(b.slice(at, at + 4 * n).buffer) : new Uint32Array(n);
          if (!LITTLE) for (i = 0; i < n; i++) col[i] = (b[at + 4 * i] | (b[at + 4 * i + 1] << 8) | (b[at + 4 * i + 2] << 16)) + b[at + 4 * i + 3] * 16777216;
          at += 4 * n;
        }
        out[name] = col;
      });
      meta.columns = out;
      return out;
    });
    return columnsRead;
  }

  function fnv(term) {
    var bytes = new TextEncoder().encode(term), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  var shards = {};

  /** The shard's lists by token (bytes, decoded on use). */
  function shard(n) {
    if (shards[n]) return shards[n];
    shards[n] = loaded('t/' + n).then(function (packed) {
      var b = inflate(packed), r = { b: b, i: 0 }, lists = {};
      while (r.i < b.length) {
        var tl = varint(r), term = utf8.decode(b.subarray(r.i, r.i + tl));
        r.i += tl;
        var ll = varint(r);
        lists[term] = b.subarray(r.i, r.i + ll);
        r.i += ll;
      }
      return lists;
    });
    return shards[n];
  }

  function varint(r) {
    var v = 0, mul = 1, x;
    do {
      x = r.b[r.i++];
      v += (x & 127) * mul;
      mul *= 128;
    } while (x & 128);
    return v;
  }

  var lists = {};

  /** A big list's files (mod.rs: `[id, head parts, position parts, head bytes, position
   *  bytes]`), inflated and joined: the head alone, or with `full` the positions too. */
  function bigList(big, full) {
    var parts = [];
    var part = function (key, size) {
      return loaded(key).then(function (b) { return inflate(b, null, size); });
    };
    // Files `prefix`0.. holding `len` bytes in parts of PART (the last one shorter).
    var read = function (prefix, n, len) {
      for (var p = 0; p < n; p++) parts.push(part(prefix + p, p + 1 < n ? PART : len - PART * p));
    };
    read('b/' + big[0] + '-h', big[1], big[3]);
    if (full) read('b/' + big[0] + '-', big[2], big[4]);
    return Promise.all(parts).then(function (ps) {
      if (ps.length === 1) return ps[0];
      var all = new Uint8Array(big[3] + (full ? big[4] : 0)), at = 0;
      ps.forEach(function (x) { all.set(x, at); at += x.length; });
      return all;
    });
  }

  /** A token's list, decoded (a Run, see `decode`); a missing token gives an empty one.
   *  Without `full` a big list comes without its positions, which a query of one token
   *  never reads. */
  function list(term, full) {
    var big = meta.big[term];
    var key = big && !full && big[2] ? term + ' head' : term;
    if (lists[term]) return lists[term];
    if (lists[key]) return lists[key];
    var bytes = big ? bigList(big, full) : shard(fnv(term) % meta.shards).then(function (l) { return l[term] || new Uint8Array(0); });
    lists[key] = bytes.then(function (b) { return decode(b, term.charAt(0) === '#'); });
    return lists[key];
  }

  /** Entries in ascending order, each with two counts (a list's titles and texts, or a
   *  match's): typed arrays, so a list of ten thousand entries makes no garbage. */
  function Run(capacity) {
    this.e = new Int32Array(Math.max(capacity, 1));
    this.a = new Int32Array(this.e.length);
    this.b = new Int32Array(this.e.length);
    this.size = 0;
  }
  Run.prototype.push = function (e, a, b) {
    if (this.size === this.e.length) {
      var n = this.size * 2;
      var grow = function (x) { var y = new Int32Array(n); y.set(x); return y; };
      this.e = grow(this.e);
      this.a = grow(this.a);
      this.b = grow(this.b);
      if (this.k) this.k = grow(this.k);
    }
    this.e[this.size] = e;
    this.a[this.size] = a;
    this.b[this.size] = b;
    this.size++;
  };
  /** Where entry `e` is, or -1. */
  Run.prototype.find = function (e) {
    var lo = 0, hi = this.size - 1, x = this.e;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (x[mid] === e) return mid;
      if (x[mid] < e) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  };

  /** A list's streams (src/search/bundle/postings.rs): the head, then every position gap's
   *  high bytes, its low bytes, and the escapes of the large ones. A Run of title and text
   *  counts (a presence list `#字`: of its flags, in title and in text). */
  function decode(b, presence) {
    var r = { b: b, i: 0 }, e = 0;
    var headEnd = varint(r);
    headEnd += r.i;
    var out = new Run(Math.min(meta.count, headEnd >> 1));
    // The head is read with no call for a one-byte varint (most of them: entries' gaps in a
    // long list, counts): on a cold page this loop runs interpreted, where calls (three
    // varints and a push an entry) cost more than the reading (10,000 entries: 4.4 -> 2.2 ms,
    // the median of a query's first list).
    var i = r.i, x, size = 0, E = out.e, A = out.a, B = out.b;
    var rest = function (x) {
      var v = x & 127, mul = 128;
      do { x = b[i++]; v += (x & 127) * mul; mul *= 128; } while (x & 128);
      return v;
    };
    if (presence) {
      while (i < headEnd) {
        x = b[i++];
        e += x < 128 ? x : rest(x);
        x = b[i++];
        if (x >= 128) x = rest(x);
        E[size] = e;
        A[size] = x & 1 ? 1 : 0;
        B[size] = x & 2 ? 1 : 0;
        size++;
      }
      out.size = size;
      return out;
    }
    // Per entry: its title and text counts and where its gaps start; positions are read
    // only for entries a phrase needs (a one-token query needs none, nor reads them).
    var n = 0, K = out.k = new Int32Array(E.length), nt;
    while (i < headEnd) {
      x = b[i++];
      e += x < 128 ? x : rest(x);
      x = b[i++];
      if (x >= 128) x = rest(x);
      nt = 0;
      if (x & 1) {
        nt = b[i++];
        if (nt >= 128) nt = rest(nt);
      }
      E[size] = e;
      A[size] = nt;
      B[size] = Math.floor(x / 2);
      K[size] = n;
      n += nt + B[size];
      size++;
    }
    out.size = size;
    out.b0 = b;
    out.hi = headEnd;
    out.lo = headEnd + n;
    out.pos = [];
    // Gaps of 65,280 or more sit in the escapes, read in order: then every entry is read now.
    if (headEnd + 2 * n < b.length) {
      var esc = { b: b, i: headEnd + 2 * n };
      for (var i = 0; i < out.size; i++) {
        var t = [], x2 = [], p = 0, j, k = out.k[i];
        var gap = function () {
          var h = b[headEnd + k], g = h === 255 ? varint(esc) : h * 256 + b[headEnd + n + k];
          k++;
          return g;
        };
        for (j = 0; j < out.a[i]; j++) { p += gap(); t.push(p); }
        p = 0;
        for (j = 0; j < out.b[i]; j++) { p += gap(); x2.push(p); }
        out.pos[i] = [t, x2];
      }
    }
    return out;
  }

  /* ---------------------------------------------------------------- matching */

  function synonymsOf(word) {
    var out = [];
    meta.synonyms.forEach(function (g) {
      if (g.indexOf(word) < 0) return;
      g.forEach(function (w) {
        if (w !== word && out.indexOf(w) < 0) out.push(w);
      });
    });
    return out;
  }

  function alternatives(t) {
    return [t.text].concat(t.phrase ? [] : synonymsOf(t.text));
  }

  /** The tokens whose lists decide a text: every word and lone character, and of each chain
   *  of bigrams the cheapest set covering its characters (which implies the rest). */
  function cover(tokens) {
    var out = [], i = 0;
    var cost = function (t) { var b = meta.big[t.t]; return b ? b[3] + b[4] : 4096; };
    while (i < tokens.length) {
      if (tokens[i].kind !== 'pair') { out.push(tokens[i++]); continue; }
      var run = [tokens[i++]];
      while (i < tokens.length && tokens[i].kind === 'pair' && tokens[i].p === run[run.length - 1].p + 1) run.push(tokens[i++]);
      var f = [], from = [];
      for (var k = 0; k < run.length; k++) {
        var c = cost(run[k]);
        if (k === 0) { f[k] = c; from[k] = -1; } else if (k === 1 || f[k - 1] <= f[k - 2]) {
          f[k] = c + f[k - 1];
          from[k] = k - 1;
        } else {
          f[k] = c + f[k - 2];
          from[k] = k - 2;
        }
      }
      var chosen = [];
      for (var j = run.length - 1; j >= 0; j = from[j]) chosen.push(run[j]);
      out = out.concat(chosen.reverse());
    }
    return out;
  }

  /** Entries whose title or text holds `text` as the server's phrase query decides it: a
   *  Run of entries with their title and text match counts. */
  function matches(text) {
    var chars = Array.from(text), tokens = bigrams(text, false);
    if (!tokens.length) return Promise.resolve(null);
    if (tokens.length === 1 && tokens[0].kind === 'single') return list('#' + tokens[0].t);
    // A lone character with no letter or digit beside it in the query must be a run's edge in
    // the text, which the lists hold only next to letters and digits: such a query is
    // checked against the candidates' texts.
    var wordAt = function (i) {
      return i >= 0 && i < chars.length && !isIdeograph(chars[i].codePointAt(0)) && isWordChar(chars[i]);
    };
    var loose = tokens.filter(function (t) { return t.kind === 'single' && !wordAt(t.p - 1) && !wordAt(t.p + 1); });
    if (!loose.length) return positional(tokens.length === 1 ? tokens : cover(tokens));
    var rest = tokens.filter(function (t) { return loose.indexOf(t) < 0; });
    var lists = loose.map(function (t) { return list('#' + t.t); });
    if (rest.length) lists.push(positional(cover(rest)));
    return Promise.all(lists).then(function (ls) {
      ls.sort(function (a, b) { return a.size - b.size; });
      var candidates = [];
      for (var i = 0; i < ls[0].size; i++) {
        var e = ls[0].e[i], k = 1;
        while (k < ls.length && ls[k].find(e) >= 0) k++;
        if (k === ls.length) candidates.push(e);
      }
      return Promise.all(candidates.map(texts)).then(function (ts) {
        var out = new Run(candidates.length);
        ts.forEach(function (t, k) {
          var counts = [normalize(t.t), t.x].map(function (field) { return phraseCount(bigrams(field, true), tokens); });
          if (counts[0] || counts[1]) out.push(candidates[k], counts[0], counts[1]);
        });
        return out;
      });
    });
  }

  /** How often `tokens` (at their offsets) occur among a text's `indexed` tokens. */
  function phraseCount(indexed, tokens) {
    var at = new Map();
    indexed.forEach(function (t) {
      if (!at.has(t.t)) at.set(t.t, new Set());
      at.get(t.t).add(t.p);
    });
    var first = at.get(tokens[0].t), n = 0;
    if (!first) return 0;
    first.forEach(function (p0) {
      var start = p0 - tokens[0].p;
      for (var k = 1; k < tokens.length; k++) {
        var ps = at.get(tokens[k].t);
        if (!ps || !ps.has(start + tokens[k].p)) return;
      }
      n++;
    });
    return n;
  }

  /** Entries holding every token of `used` at its offset, from the lists (a Run). */
  function positional(used) {
    return Promise.all(used.map(function (t) { return list(t.t, used.length > 1); })).then(function (ls) {
      var order = ls.map(function (_, i) { return i; });
      order.sort(function (a, b) { return ls[a].size - ls[b].size; });
      var first = ls[order[0]], off = used[order[0]].p;
      if (order.length === 1) return first;
      if (fastPositional && ls.every(function (l) { return !l.pos.length; })) {
        return fastPositional(order.map(function (li) { return ls[li]; }), order.map(function (li) { return used[li].p - off; }));
      }
      var rest = order.slice(1), nr = rest.length, at = new Int32Array(nr), n = new Int32Array(nr), ptr = new Int32Array(nr);
      var shift = rest.map(function (li) { return used[li].p - off; });
      var most = Math.max.apply(null, ls.map(largest));
      var anchor = new Int32Array(most), others = rest.map(function () { return new Int32Array(most); });
      var out = new Run(first.size), restLists = rest.map(function (li) { return ls[li]; });
      // An entry is looked for in a list about as long as the first by walking both in step
      // (entries ascend), in a much longer one by halving; neither calls a function an entry,
      // as this loop runs interpreted on a cold page.
      var walk = restLists.map(function (l) { return l.size <= 8 * first.size; });
      for (var i = 0; i < first.size; i++) {
        var e = first.e[i], r;
        for (r = 0; r < nr; r++) {
          var L = restLists[r], E = L.e, q = at[r], lo, hi;
          if (walk[r]) {
            while (q < L.size && E[q] < e) q++;
          } else {
            for (lo = q, hi = L.size; lo < hi;) {
              var mid = (lo + hi) >> 1;
              if (E[mid] < e) lo = mid + 1; else hi = mid;
            }
            q = lo;
          }
          at[r] = q;
          if (q === L.size || E[q] !== e) break;
        }
        if (r < nr) continue;
        var counts = [0, 0];
        for (var field = 0; field < 2; field++) {
          var na = fieldInto(first, i, field, anchor);
          for (r = 0; r < nr; r++) {
            n[r] = fieldInto(restLists[r], at[r], field, others[r]);
            ptr[r] = 0;
          }
          // Both sides ascend, so each other list's pointer only moves forward.
          for (var j = 0; j < na; j++) {
            for (r = 0; r < nr; r++) {
              var want = anchor[j] + shift[r], o = others[r], q = ptr[r];
              while (q < n[r] && o[q] < want) q++;
              ptr[r] = q;
              if (q === n[r] || o[q] !== want) break;
            }
            if (r === nr) counts[field]++;
          }
        }
        if (counts[0] || counts[1]) out.push(e, counts[0], counts[1]);
      }
      return out;
    });
  }

  /** The most positions one entry of list `l` has in one field. */
  function largest(l) {
    if (l.most === undefined) {
      var most = 1, A = l.a, B = l.b;
      for (var i = 0; i < l.size; i++) {
        if (A[i] > most) most = A[i];
        if (B[i] > most) most = B[i];
      }
      l.most = most;
    }
    return l.most;
  }

  /** Writes the `field` positions (0 title, 1 text) of list `l`'s `i`th entry into `buf`,
   *  straight from its streams (see `decode`); returns how many. */
  function fieldInto(l, i, field, buf) {
    var j, count = field ? l.b[i] : l.a[i];
    if (l.pos[i]) {
      var from = l.pos[i][field];
      for (j = 0; j < count; j++) buf[j] = from[j];
      return count;
    }
    var b = l.b0, hi = l.hi, lo = l.lo, k = l.k[i] + (field ? l.a[i] : 0), p = 0;
    for (j = 0; j < count; j++, k++) {
      p += b[hi + k] * 256 + b[lo + k];
      buf[j] = p;
    }
    return count;
  }

  function saturate(n) { return n / (n + 1.2); }

  /** The entries matching a parsed query with their scores (null: nothing to search). */
  function select(parsed, kinds) {
    var count = meta.count;
    var must = parsed.must.map(function (t) {
      return Promise.all(alternatives(t).map(matches));
    });
    var not = parsed.mustNot.map(function (t) {
      return Promise.all(alternatives(t).map(matches));
    });
    // The lists are on their way: now read what comes after them.
    var read = columns();
    dictionary();
    return Promise.all([Promise.all(must), Promise.all(not), read]).then(function (got) {
      var cols = meta.columns, vals = cols.values, ok, i;
      var kindOk = vals.kind.map(function (k) { return kinds.indexOf(k) >= 0 ? 1 : 0; });
      if (fastSelect) return fastSelect(kindOk, parsed.filters, got[0], got[1]);
      ok = new Uint8Array(count);
      for (i = 0; i < count; i++) ok[i] = kindOk[cols.kind[i]];
      parsed.filters.forEach(function (f) {
        if (f.field === 'kind') return;
        var col = cols[f.field], j;
        if (f.field === 'year') {
          for (j = 0; j < count; j++) if (ok[j] && (col[j] < f.from || col[j] > f.to)) ok[j] = 0;
          return;
        }
        var wanted = vals[f.field].indexOf(f.value);
        for (j = 0; j < count; j++) if (ok[j] && col[j] !== wanted) ok[j] = 0;
      });
      var scores = new Float64Array(count);
      got[0].forEach(function (alts) {
        var hit = new Uint8Array(count);
        alts.forEach(function (m) {
          if (!m) return;
          var idf = Math.log(1 + count / (m.size + 0.5));
          for (var i = 0; i < m.size; i++) {
            hit[m.e[i]] = 1;
            scores[m.e[i]] += idf * (3 * saturate(m.a[i]) + saturate(m.b[i]));
          }
        });
        for (var j = 0; j < count; j++) if (!hit[j]) ok[j] = 0;
      });
      got[1].forEach(function (alts) {
        alts.forEach(function (m) {
          if (m) for (var i = 0; i < m.size; i++) ok[m.e[i]] = 0;
        });
      });
      var found = [];
      for (var j = 0; j < count; j++) if (ok[j]) found.push(j);
      return { found: found, scores: scores };
    });
  }

  /** `found` in the order of `sort` (date, or score), or with `upto` only its first `upto`
   *  (a page needs ten of thousands; the order is total, so the first are the same). */
  function sortFound(found, scores, sort, upto) {
    var date = meta.columns.date;
    var before = sort === 'date'
      ? function (a, b) { return date[b] - date[a] || a - b; }
      : function (a, b) { return scores[b] - scores[a] || a - b; };
    if (!upto || upto * 4 >= found.length) return found.sort(before);
    var top = [];
    for (var i = 0; i < found.length; i++) {
      var e = found[i];
      if (top.length === upto && before(e, top[upto - 1]) >= 0) continue;
      var lo = 0, hi = top.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (before(top[mid], e) < 0) lo = mid + 1; else hi = mid;
      }
      top.splice(lo, 0, e);
      if (top.length > upto) top.pop();
    }
    return top;
  }

  /** The facet counts of `found`, counted by value number, then named. */
  function countFacets(found, facets) {
    var cols = meta.columns, vals = cols.values;
    ['year', 'type', 'category', 'status'].forEach(function (root) {
      var pairs = fastTally && fastTally(found, root);
      if (pairs) {
        for (var p = 0; p < pairs.length; p += 2) {
          var value = pairs[p];
          // As below: no facet for an entry without a category or status (value 0 is "").
          if (root === 'year') addFacet(facets, root, String(value), pairs[p + 1]);
          else if (!(value === 0 && (root === 'category' || root === 'status'))) addFacet(facets, root, vals[root][value], pairs[p + 1]);
        }
        return;
      }
      var col = cols[root], counts = {}, i, v;
      for (i = 0; i < found.length; i++) {
        v = col[found[i]];
        counts[v] = (counts[v] || 0) + 1;
      }
      Object.keys(counts).forEach(function (k) {
        // An entry without a category or status has no facet there (value 0 is "").
        if (root === 'year') return addFacet(facets, root, k, counts[k]);
        if (k === '0' && (root === 'category' || root === 'status')) return;
        addFacet(facets, root, vals[root][k], counts[k]);
      });
    });
  }

  /* ----------------------------------------------------------- texts, snippets */

  var dict = null;

  /** The texts' dictionary (loaded once, beside the meta: a query with hits needs both). */
  function dictionary() {
    if (!dict) dict = loaded('dict').then(function (b) { return inflate(b); });
    return dict;
  }

  /** Entry `e`'s text file: {u, t, x, o, l, d}; `chars` gives x's characters, split once. */
  function texts(e) {
    return Promise.all([dictionary(), loaded('d/' + e)]).then(function (x) {
      var t = json(x[1], x[0]), c = characters(t.x, foldText(t.x));
      t.chars = c[0];
      t.folded = c[1];
      return t;
    });
  }

  /** Whether a string has a character outside the Basic Multilingual Plane (a surrogate
   *  pair). A text without one, nearly every text, is its own array of characters: its
   *  indexes count characters as the server's do, and it is searched with the browser's
   *  indexOf instead of a comparison a character at a time, and never split into an array
   *  of one-character strings (two of them a text, which made most of a page's garbage). */
  var ASTRAL = /[\uD800-\uDFFF]/;

  /** A text and its folded twin as characters: the strings themselves where neither has a
   *  surrogate pair, else arrays of characters. */
  function characters(text, folded) {
    return ASTRAL.test(text) || ASTRAL.test(folded) ? [Array.from(text), Array.from(folded)] : [text, folded];
  }

  /** A text's characters `from` to `to`, of a string or of an array of characters. */
  function cut(chars, from, to) {
    return typeof chars === 'string' ? chars.slice(from, to) : chars.slice(from, to).join('');
  }

  /** Where the needles occur in `lower` (characters already folded: a string without
   *  surrogates, or an array of characters). */
  function occurrences(lower, needles) {
    var spans = [];
    if (typeof lower === 'string') {
      needles.forEach(function (needle, n) {
        var pat = foldText(needle);
        if (!pat.length || ASTRAL.test(pat)) return;
        for (var i = lower.indexOf(pat); i >= 0; i = lower.indexOf(pat, i + 1)) spans.push([i, i + pat.length, n]);
      });
      return spans;
    }
    needles.forEach(function (needle, n) {
      var pat = Array.from(foldText(needle));
      if (!pat.length || pat.length > lower.length) return;
      for (var i = 0; i + pat.length <= lower.length; i++) {
        var k = 0;
        while (k < pat.length && lower[i + k] === pat[k]) k++;
        if (k === pat.length) spans.push([i, i + pat.length, n]);
      }
    });
    return spans;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var BREAKS = '。！？；，、：!?;';
  function joined(c) { return /^[0-9A-Za-z０-９]$/.test(c); }

  /** search::snippet::edges: the window begins after a punctuation mark near its start, ends
   *  after one near its end, and otherwise never cuts a number or a Latin word in two. */
  function edges(chars, start, end, first, last, width) {
    var i, p;
    if (start > 0) {
      var limit = Math.min(first, start + LEAD);
      for (p = -1, i = limit - 1; i >= start; i--) { if (BREAKS.indexOf(chars[i]) >= 0) { p = i; break; } }
      if (p >= 0) start = p + 1;
      else while (start < first && joined(chars[start - 1]) && joined(chars[start])) start++;
    }
    if (end < chars.length) {
      var from = Math.max(last, end - Math.floor(width / 3), start);
      for (p = -1, i = end - 1; i >= from; i--) { if (BREAKS.indexOf(chars[i]) >= 0) { p = i; break; } }
      if (p >= 0) end = p + 1;
      else {
        var more = end;
        while (more < chars.length && more < end + 8 && joined(chars[more - 1]) && joined(chars[more])) more++;
        if (more < chars.length && joined(chars[more - 1]) && joined(chars[more])) {
          while (end > Math.max(last, start + 1) && joined(chars[end - 1]) && joined(chars[end])) end--;
        } else end = more;
      }
    }
    return [start, end];
  }

  /** search::snippet::snippet */
  /** `foldedIn`, when given, is `textIn` folded already, both strings without surrogate
   *  pairs (a hit's text read as a string: see `characters`). */
  function snippet(textIn, needles, width, foldedIn) {
    var flat = textIn.replace(/\n/g, ' ');
    var c = foldedIn ? [flat, foldedIn.replace(/\n/g, ' ')] : characters(flat, foldText(flat)), chars = c[0];
    var spans = occurrences(c[1], needles);
    spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    var best = null;
    spans.forEach(function (sp) {
      var from = Math.max(0, sp[0] - LEAD), seen = {};
      spans.forEach(function (x) { if (x[0] >= from && x[1] <= from + width) seen[x[2]] = true; });
      var n = Object.keys(seen).length;
      if (!best || n > best[0] || (n === best[0] && from < best[1])) best = [n, from];
    });
    var start = best ? best[1] : 0, end = Math.min(start + width, chars.length), marks = [];
    var inside = spans.filter(function (x) { return x[0] >= start && x[1] <= end; });
    var moved = edges(chars, start, end, inside.length ? inside[0][0] : start,
      inside.reduce(function (m, x) { return Math.max(m, x[1]); }, start), width);
    start = moved[0]; end = moved[1];
    spans.filter(function (x) { return x[0] >= start && x[1] <= end; }).forEach(function (x) {
      var last = marks[marks.length - 1];
      if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
      else marks.push([x[0], x[1]]);
    });
    var out = start > 0 ? '…' : '', i = start;
    marks.forEach(function (m) {
      out += escapeHtml(cut(chars, i, m[0])) + '<mark>' + escapeHtml(cut(chars, m[0], m[1])) + '</mark>';
      i = m[1];
    });
    out += escapeHtml(cut(chars, i, end));
    if (end < chars.length) out += '…';
    return out;
  }

  function bestSection(chars, outline, needles) {
    if (!outline.length || !needles.length) return null;
    var found = occurrences(chars, needles), best = null, bestN = 0;
    outline.forEach(function (s) {
      var n = found.filter(function (f) { return f[0] >= s[2] && f[0] < s[3]; }).length;
      if (n > bestN) { best = s; bestN = n; }
    });
    return best;
  }

  function needlesOf(parsed) {
    var n = [];
    parsed.must.forEach(function (t) { n = n.concat(alternatives(t)); });
    return n.map(function (x, i) { return [x, i]; }).sort(function (a, b) {
      return Array.from(b[0]).length - Array.from(a[0]).length || a[1] - b[1];
    }).map(function (x) { return x[0]; });
  }

  function pad(n, w) { var s = String(n); while (s.length < w) s = '0' + s; return s; }

  function hit(e, t, score, section, needles) {
    var cols = meta.columns, date = cols.date[e];
    var chars = t.chars, body, url = t.u, folded = null;
    if (section) {
      body = cut(chars, section[2], section[3]);
      url += '#' + section[0];
    } else {
      body = t.x;
    }
    // A text read as a string (see ASTRAL) has its folded twin at the same offsets: folding
    // maps a character to one character and leaves spaces as they are.
    var edge = trimmed(body);
    if (typeof chars === 'string') folded = (section ? t.folded.slice(section[2], section[3]) : t.folded).slice(edge[0], edge[1]);
    body = body.slice(edge[0], edge[1]);
    return {
      url: url, title: t.t, kind: cols.values.kind[cols.kind[e]], year: cols.year[e],
      type: cols.values.type[cols.type[e]],
      date: pad(Math.floor(date / 10000), 4) + '-' + pad(Math.floor(date / 100) % 100, 2) + '-' + pad(date % 100, 2),
      date_label: t.l, date_text: t.d, score: score, section: section ? section[1] : null,
      snippet: snippet(body, needles, SNIPPET_CHARS, folded)
    };
  }

  /* ---------------------------------------------------------------- answers */

  function containsChars(hay, needle) {
    if (!needle.length) return false;
    for (var i = 0; i + needle.length <= hay.length; i++) {
      var k = 0;
      while (k < needle.length && hay[i + k] === needle[k]) k++;
      if (k === needle.length) return true;
    }
    return false;
  }

  function addFacet(facets, root, value, n) {
    if (!facets[root]) facets[root] = {};
    facets[root][value] = (facets[root][value] || 0) + (n || 1);
  }

  /** `kind:section`: the sections of the matching documents that hold every searched text
   *  and none of the excluded ones (search/sections.rs). */
  function sections(parsed, sort, perPage, results) {
    var included = { must: parsed.must, mustNot: [], filters: parsed.filters };
    return select(included, ['document']).then(function (sel) {
      var found = sel.found;
      sortFound(found, sel.scores, sort);
      if (found.length > MAX_SECTION_DOCUMENTS) {
        results.notes.push('kind:section 只在最相关的 ' + MAX_SECTION_DOCUMENTS + ' 份文件（共 ' + found.length +
          ' 份匹配）中查找章节；加上 year:、type: 或更多词语可缩小范围');
        found = found.slice(0, MAX_SECTION_DOCUMENTS);
      }
      var must = parsed.must.map(function (t) {
        return alternatives(t).map(function (a) { return Array.from(foldText(a)); });
      });
      var not = [];
      parsed.mustNot.forEach(function (t) {
        alternatives(t).forEach(function (a) { not.push(Array.from(foldText(a))); });
      });
      return Promise.all(found.map(texts)).then(function (ts) {
        var cols = meta.columns, hits = [];
        ts.forEach(function (t, k) {
          var e = found[k], chars = t.folded;
          t.o.forEach(function (sec) {
            var body = chars.slice(Math.min(sec[2], chars.length), Math.min(sec[3], chars.length));
            var all = must.every(function (alts) { return alts.some(function (a) { return containsChars(body, a); }); });
            if (!all || not.some(function (a) { return containsChars(body, a); })) return;
            addFacet(results.facets, 'year', String(cols.year[e]));
            addFacet(results.facets, 'type', cols.values.type[cols.type[e]]);
            hits.push([e, t, sec]);
          });
        });
        results.total = hits.length;
        results.pages = Math.ceil(hits.length / perPage);
        var needles = needlesOf(parsed);
        results.hits = hits.slice((results.page - 1) * perPage, results.page * perPage).map(function (h) {
          var x = hit(h[0], h[1], sel.scores[h[0]], h[2], needles);
          x.kind = 'section';
          return x;
        });
        return results;
      });
    });
  }

  /** search::SearchIndex::answer */
  function answer(req) {
    var parsed = parse(req.q);
    canonicalize(meta, parsed);
    var perPage = Math.min(Math.max(req.limit || 10, 1), 100);
    var page = Math.min(Math.max(req.page || 1, 1), 1000);
    var sort = req.sort || (parsed.must.length ? 'relevance' : 'date');
    var results = { query: req.q, total: 0, page: page, pages: 0, sort: sort, hits: [], facets: {}, notes: parsed.notes.slice() };
    if (!parsed.must.length && !parsed.filters.length) return Promise.resolve(results);
    var kindFilter = null;
    parsed.filters.forEach(function (f) { if (f.field === 'kind' && kindFilter === null) kindFilter = f.value; });
    var kinds = kindFilter === null ? ['document', 'record', 'year'] : [kindFilter];
    if (kindFilter === 'section') return sections(parsed, sort, perPage, results);
    return select(parsed, kinds).then(function (sel) {
      mark('matched');
      var found = sel.found;
      results.total = found.length;
      results.pages = Math.ceil(found.length / perPage);
      countFacets(found, results.facets);
      var shown = sortFound(found.slice(), sel.scores, sort, page * perPage).slice((page - 1) * perPage, page * perPage);
      var needles = needlesOf(parsed);
      return Promise.all(shown.map(texts)).then(function (ts) {
        mark('texts');
        results.hits = ts.map(function (t, k) {
          var e = shown[k], section = bestSection(t.folded, t.o, needles);
          return hit(e, t, sel.scores[e], section, needles);
        });
        return results;
      });
    });
  }

  function count(q) {
    return answer({ q: q, page: 1, limit: 1 }).then(function (r) { return r.total; });
  }

  /** search::SearchIndex::search_until: suggestions for a query without hits, and the last
   *  page for a page past it. */
  function search(req) {
    return answer(req).then(function (results) {
      var parsed = parse(req.q);
      if (results.total === 0 && parsed.must.length) {
        return suggest(req.q, parsed).then(function (s) {
          if (s.words.length || s.without_filters || s.phrases.length) results.suggestions = s;
          return results;
        });
      }
      if (results.total > 0 && results.page > results.pages) {
        var last = { q: req.q, page: results.pages, limit: req.limit, sort: req.sort };
        var asked = results.page, pages = results.pages;
        return answer(last).then(function (r) {
          r.notes.push('结果只有 ' + pages + ' 页，没有第 ' + asked + ' 页，已显示最后一页');
          return r;
        });
      }
      return results;
    });
  }

  function suggest(q, parsed) {
    var filters = filterTokens(q), s = { words: [], without_filters: null, phrases: [] };
    var jobs = [];
    if (parsed.must.length > 1) {
      parsed.must.forEach(function (t) {
        var word = t.phrase ? '"' + t.text + '"' : t.text;
        var query = [word].concat(filters).join(' ');
        jobs.push(count(query).then(function (n) { s.words.push({ query: query, total: n }); }));
      });
    }
    if (filters.length && parsed.must.length) {
      var query = withoutFilters(q);
      jobs.push(count(query).then(function (n) { s.without_filters = { query: query, total: n }; }));
    }
    // Jobs run one after another so the words keep their order.
    return jobs.reduce(function (p, j) { return p.then(function () { return j; }); }, Promise.resolve()).then(function () {
      var order = parsed.must.map(function (t) { return [t.phrase ? '"' + t.text + '"' : t.text].concat(filters).join(' '); });
      s.words.sort(function (a, b) { return order.indexOf(a.query) - order.indexOf(b.query); });
      return s;
    });
  }

  /* ---------------------------------------------------------------- the page */

  function encodeQuery(q) {
    return encodeURIComponent(trim(q)).replace(/[-_.!~*'()]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function searchUrl(q, page, sort) {
    var url = 'search.html?q=' + encodeQuery(q);
    if (page > 1) url += '&page=' + page;
    if (sort === 'date') url += '&sort=date';
    return url;
  }

  function href(url) {
    var enc = function (p) {
      return p.replace(/[ "#%<>?`{}\\^|\u0000-\u001f\u007f-\u009f]/g, function (c) {
        return Array.from(new TextEncoder().encode(c)).map(function (b) { return '%' + pad(b.toString(16).toUpperCase(), 2); }).join('');
      });
    };
    var i = url.indexOf('#');
    return i >= 0 ? enc(url.slice(0, i)) + '#' + enc(url.slice(i + 1)) : enc(url);
  }

  /** render::search_view::highlight_words: the texts the query parser says every hit
   *  contains: what the hit's page marks. */
  function highlightWords(q) {
    return parse(q).must.map(function (t) { return t.text; }).join(' ');
  }

  /** render::links::hit_href: the hit's href with the marked words as `?hl=`. */
  function hitHref(url, words) {
    if (!words) return href(url);
    var value = href(words).replace(/#/g, '%23').replace(/&/g, '%26').replace(/\+/g, '%2B').replace(/=/g, '%3D');
    var i = url.indexOf('#');
    return i >= 0 ? href(url.slice(0, i)) + '?hl=' + value + '#' + href(url.slice(i + 1)) : href(url) + '?hl=' + value;
  }

  var FACETS = [['year', '年度'], ['type', '文种'], ['category', '问题类别'], ['status', '整改状态']];

  /** The results as the theme's search.html renders them (render/search_view.rs). */
  function render(q, r, engine) {
    var e = escapeHtml, sort = r.sort === 'date' ? 'date' : null, h = '';
    var words = q.split(SPACE).filter(function (w) { return w; });
    var marked = highlightWords(q);
    h += '<div class="search-layout">\n  <section class="results" aria-labelledby="results-h" data-engine="' + engine + '">\n';
    h += '    <h1 id="results-h" data-total="' + r.total + '">共 ' + r.total + ' 条结果</h1>\n';
    if (r.total === 0) {
      var tries = [];
      if (r.suggestions) {
        r.suggestions.words.forEach(function (t) { tries.push(['单独搜索', t]); });
        if (r.suggestions.without_filters) tries.push(['去掉筛选条件', r.suggestions.without_filters]);
        r.suggestions.phrases.forEach(function (t) { tries.push(['相近的短语', t]); });
      }
      h += '    <p class="no-hits">没有找到同时包含这些词语的内容。' + (tries.length ? '可以试试：' : '请换用更短的词语，或去掉引号、筛选条件再试。') + '</p>\n';
      if (tries.length) {
        h += '    <ul class="suggestions">' + tries.map(function (t) {
          return '<li>' + t[0] + '：<a href="' + e(ROOT + searchUrl(t[1].query, 1, null)) + '">' + e(t[1].query) + '</a> <span class="count">' + t[1].total + ' 条</span></li>';
        }).join('') + '</ul>\n';
      }
    } else {
      h += '    <p class="sort">排序：' + (sort
        ? '<a href="' + e(ROOT + searchUrl(q, 1, null)) + '">相关度</a> · <strong>日期</strong>'
        : '<strong>相关度</strong> · <a href="' + e(ROOT + searchUrl(q, 1, 'date')) + '">日期</a>') + '</p>\n';
    }
    h += '    <ol class="hits">\n';
    r.hits.forEach(function (x) {
      h += '      <li class="hit" data-hit-url="' + e(x.url) + '">\n';
      h += '        <h2><a href="' + e(ROOT + hitHref(x.url, marked)) + '">' + e(x.title) + '</a></h2>\n';
      h += '        <p class="meta">' + x.year + '年度 · ' + e(x.type) + (x.date_text ? ' · ' + e(x.date_label) + ' ' + e(x.date_text) : '') +
        (x.section ? ' · ' + e(x.section) : '') + '</p>\n';
      h += '        <p class="snippet">' + x.snippet + '</p>\n      </li>\n';
    });
    h += '    </ol>\n';
    var first = Math.max(r.page - 4, 1), last = Math.min(first + 8, r.pages);
    if (last - first + 1 > 1) {
      h += '    <nav class="pages" aria-label="分页">';
      if (r.page > 1) h += '<a rel="prev" href="' + e(ROOT + searchUrl(q, r.page - 1, sort)) + '">上一页</a> ';
      for (var n = first; n <= last; n++) {
        h += n === r.page ? '<span aria-current="page">' + n + '</span> ' : '<a href="' + e(ROOT + searchUrl(q, n, sort)) + '">' + n + '</a> ';
      }
      if (r.page < r.pages) h += '<a rel="next" href="' + e(ROOT + searchUrl(q, r.page + 1, sort)) + '">下一页</a>';
      h += '</nav>\n';
    }
    h += '  </section>\n';
    var groups = FACETS.filter(function (f) { return r.facets[f[0]]; });
    if (groups.length) {
      h += '  <aside class="facets" aria-label="筛选">\n';
      groups.forEach(function (g) {
        // render::search_view: years newest first, other values in the vocabulary's order.
        var values = Object.keys(r.facets[g[0]]).sort(cmp);
        var field = meta && meta.vocabulary && meta.vocabulary.fields[g[0]], order = (field && field.order) || [];
        if (g[0] === 'year') values.reverse();
        else values.sort(function (a, b) {
          var x = order.indexOf(a), y = order.indexOf(b);
          x = x < 0 ? Infinity : x; y = y < 0 ? Infinity : y;
          return x !== y ? (x < y ? -1 : 1) : cmp(a, b);
        });
        h += '    <section>\n      <h2>' + g[1] + '</h2>\n      <ul>' + values.map(function (v) {
          var f = g[0] + ':' + v, active = words.indexOf(f) >= 0;
          var next = active ? words.filter(function (w) { return w !== f; }) : words.concat([f]);
          return '<li><a href="' + e(ROOT + searchUrl(next.join(' '), 1, sort)) + '"' + (active ? ' class="active" aria-current="true"' : '') +
            '>' + e(v) + '</a> <span class="count">' + r.facets[g[0]][v] + '</span></li>';
        }).join('') + '</ul>\n    </section>\n';
      });
      h += '  </aside>\n';
    }
    return h + '</div>\n';
  }

  function show(q, r, engine) {
    var empty = app.querySelector('.search-empty');
    if (empty) empty.hidden = !!q;
    var old = app.querySelectorAll('.note, .search-layout, .searching');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var notes = r.notes.map(function (n) { return '<p class="note" role="status">' + escapeHtml(n) + '</p>\n'; }).join('');
    app.insertAdjacentHTML('beforeend', notes + (q ? render(q, r, engine) : ''));
    document.title = (q ? '“' + q + '”的搜索结果 - ' : '') + document.title.replace(/^“.*”的搜索结果 - /, '');
    stats.ms = performance.now() - started;
    app.setAttribute('data-state', 'done');
  }

  function fail(message) {
    var old = app.querySelectorAll('.searching');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    app.insertAdjacentHTML('beforeend', '<p class="note" role="alert">' + escapeHtml(message) + '</p>');
    app.setAttribute('data-state', 'failed');
  }

  /** The server's answer when a server answers `api/search`, else null. */
  function fromServer(req) {
    if (!/^https?:$/.test(location.protocol) || !window.fetch) return Promise.resolve(null);
    var url = ROOT + 'api/search?q=' + encodeQuery(req.q) + '&page=' + req.page + '&limit=' + req.limit + (req.sort ? '&sort=' + req.sort : '');
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (res) {
      var type = res.headers.get('content-type') || '';
      if (!res.ok || type.indexOf('json') < 0) return null;
      return res.json();
    }).catch(function () { return null; });
  }

  function params() {
    var out = {};
    location.search.replace(/^\?/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('='), k = i >= 0 ? kv.slice(0, i) : kv, v = i >= 0 ? kv.slice(i + 1) : '';
      try {
        out[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '));
      } catch (err) {
        out[k] = v;
      }
    });
    return out;
  }

  /** Answers a request in the page's own engine (also for tests: window.annalsSearch). */
  function staticSearch(req) {
    return (meta ? Promise.resolve(meta) : openIndex()).then(function () { return search(req); });
  }
  window.annalsSearch = staticSearch;

  var p = params(), q = p.q || '';
  var req = { q: q, page: parseInt(p.page, 10) || 1, limit: parseInt(p.limit, 10) || 10, sort: p.sort === 'date' ? 'date' : p.sort === 'relevance' ? 'relevance' : null };
  var input = document.getElementById('search-q');
  if (input) input.value = q;
  var boxes = document.querySelectorAll('.search-box input[name=q]');
  for (var b = 0; b < boxes.length; b++) boxes[b].value = q;
  if (!trim(q)) {
    app.setAttribute('data-state', 'done');
    return;
  }
  app.insertAdjacentHTML('beforeend', '<p class="searching" role="status">正在搜索…</p>');
  fromServer(req).then(function (r) {
    // The server's answer is shown in the static page's order of facets, which the meta
    // carries (already loaded beside this script); without it, in the values' order.
    if (r) {
      var shown = function () { show(q, r, 'server'); };
      return (meta ? Promise.resolve() : openIndex()).then(shown, shown);
    }
    return staticSearch(req).then(function (r2) { show(q, r2, 'static'); }, function (err) {
      // A file missing is what a copy without searchindex/ shows; anything else is a fault
      // of the engine or of a damaged file, said as such, not as a missing index.
      fail(err && err.message === 'format'
        ? '搜索索引由另一版本的 annals 生成，请重新运行 annals build。'
        : err && err.missing
          ? '找不到本站的搜索索引（searchindex/' + err.message + '.js）：请用 annals build 重新生成整个站点后再打开。'
          : '搜索出错（' + (err && err.message || err) + '）：请用 annals build 重新生成整个站点；仍然出错时，请把本页地址和这条信息告知维护人员。');
    });
  });
})();
