#!/usr/bin/env bash
# Precision of the phrase hints on data/hint_corpus.tsv (real phrases that
# are in no table, each with the category a SIP engineer gives it, or none):
# the weighted rule of data/README.md ("Phrase hints") must be right in at
# least 85 % of the phrases where it fires, and fire on no phrase that is
# standard, a variant or a paraphrase. Also checks hint_weights.tsv against
# hints.tsv, and prints the old first-keyword rule's figure for comparison.
#   tests/data_hint_precision.sh [DATA_DIR] [-v]
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v python3 > /dev/null; then echo "SKIP: no python3"; exit 77; fi
data=${1:-${SIPCODES_DATA_DIR:-"$here/../data"}}
script=$(cat <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from data_rules import Kinds, Hints, read, first_keyword_guess, in_codes
data, verbose = sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == '-v'
target = 0.85
passed = failed = 0
def ok(): 
    global passed; passed += 1
def bad(msg):
    global failed; failed += 1; print('FAIL: ' + msg)

kinds, hints = Kinds(data), Hints(data)
hint_rows = read(data, 'hints.tsv')
weights = read(data, 'hint_weights.tsv')
cats = {r['name'] for r in read(data, 'sets.tsv') if r['set'] == 'category'}
# hint_weights.tsv: one row per keyword of hints.tsv
kw_h = [r['keyword'] for r in hint_rows]
kw_w = [r['keyword'] for r in weights]
for k in sorted(set(kw_h) ^ set(kw_w)):
    bad('keyword %r is in %s only' % (k, 'hints.tsv' if k in kw_h else 'hint_weights.tsv'))
for k in sorted({k for k in kw_w if kw_w.count(k) > 1}):
    bad('hint_weights.tsv: keyword %r repeats' % k)
for n, r in enumerate(weights, 2):
    if r['weight'] not in ('1', '2', '3'):
        bad('hint_weights.tsv:%d: weight %r is not 1, 2 or 3' % (n, r['weight']))
    try:
        in_codes(100, r['codes'])
    except ValueError:
        bad('hint_weights.tsv:%d: codes %r is not a list of codes or ranges' % (n, r['codes']))
if not failed: ok()

corpus = read(data, 'hint_corpus.tsv')
fired = right = fired_old = right_old = 0
for n, r in enumerate(corpus, 2):
    code, phrase, want = int(r['code']), r['phrase'], r['category']
    if want != 'none' and want not in cats:
        bad('hint_corpus.tsv:%d: category %r is neither none nor a category' % (n, want)); continue
    k = kinds.kind(code, phrase)
    if k != 'unknown':
        bad('hint_corpus.tsv:%d: %d "%s" is %s, not an unknown phrase' % (n, code, phrase, k)); continue
    got, word = hints.guess(code, phrase)
    old, oword = first_keyword_guess(hint_rows, phrase)
    if got: fired += 1; right += got == want
    if old: fired_old += 1; right_old += old == want
    if verbose and (got or old or want != 'none'):
        mark = '' if got == want or (got is None and want == 'none') else ' <--' 
        print('%d %-50s want %-9s new %-9s (%s) old %s (%s)%s' % (code, phrase[:50], want, got, word, old, oword, mark))
# no hint on what is not unknown
for n, r in enumerate(read(data, 'phrase_kinds_expected.tsv'), 2):
    if r['kind'] == 'unknown':
        continue
    # the plugin stops before the hint rule; the rule must not be needed
    if kinds.kind(int(r['code']), r['phrase']) == 'unknown':
        bad('phrase_kinds_expected.tsv:%d: %s would reach the hint rule' % (n, r['phrase']))
ok()
prec = right / fired if fired else 0.0
prec_old = right_old / fired_old if fired_old else 0.0
print('hint corpus: %d phrases; weighted rule fires on %d, right %d (%.1f %%); first-keyword rule fires on %d, right %d (%.1f %%)'
      % (len(corpus), fired, right, 100 * prec, fired_old, right_old, 100 * prec_old))
if prec >= target: ok()
else: bad('precision %.1f %% is below %.0f %%' % (100 * prec, 100 * target))
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
PY
)
exec python3 -B -c "$script" "$here" "$data" "${2:-}"
