#!/usr/bin/env bash
# data/phrase_kinds_expected.tsv agrees with the phrase-kind rule of
# data/README.md ("Standard, variant, paraphrase or unknown"), applied to
# codes.tsv, variants.tsv and paraphrases.tsv by tests/data_rules.py; and
# paraphrases.tsv is well formed.
#   tests/data_phrase_kinds.sh [DATA_DIR]
#   tests/data_phrase_kinds.sh --classify DATA_DIR < lines "code<TAB>phrase"
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v python3 > /dev/null; then echo "SKIP: no python3"; exit 77; fi
mode=check
if [ "${1:-}" = --classify ]; then mode=classify; shift; fi
data=${1:-${SIPCODES_DATA_DIR:-"$here/../data"}}
script=$(cat <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from data_rules import Kinds, read, folded
mode, data = sys.argv[2], sys.argv[3]
kinds = Kinds(data)
if mode == 'classify':
    for line in sys.stdin:
        c, p = line.rstrip('\n').split('\t')[:2]
        print('%s\t%s\t%s' % (c, p, kinds.kind(int(c), p)))
    sys.exit(0)
passed = failed = 0
for msg in kinds.problems:
    print('FAIL: ' + msg); failed += 1
seen = set()
exp = read(data, 'phrase_kinds_expected.tsv')
names = {'standard', 'paraphrase', 'variant', 'unknown'}
for n, r in enumerate(exp, 2):
    key = (r['code'], folded(r['phrase']))
    if r['kind'] not in names:
        print('FAIL: phrase_kinds_expected.tsv:%d: kind %r' % (n, r['kind'])); failed += 1; continue
    if key in seen:
        print('FAIL: phrase_kinds_expected.tsv:%d: %s %s repeats' % (n, r['code'], r['phrase'])); failed += 1; continue
    seen.add(key)
    got = kinds.kind(int(r['code']), r['phrase'])
    if got == r['kind']:
        passed += 1
    else:
        print('FAIL: phrase_kinds_expected.tsv:%d: %s "%s" is %s by the rule, expected %s'
              % (n, r['code'], r['phrase'], got, r['kind'])); failed += 1
for k in sorted(names):
    if any(r['kind'] == k for r in exp): passed += 1
    else: print('FAIL: no expected row of kind ' + k); failed += 1
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
PY
)
exec python3 -B -c "$script" "$here" "$mode" "$data"
