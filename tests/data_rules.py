"""Reference implementation of the data rules of data/README.md, for the
data tests: the phrase kind (standard, variant, paraphrase, unknown) and
the phrase hint (keywords, weights, winner). Python 3 standard library."""
import csv
import re


def read(data, name):
    with open('%s/%s' % (data, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


def folded(s):
    return ' '.join(s.casefold().split())


def tokens(s):
    """Words of a phrase: case-folded runs of letters and digits."""
    return re.sub(r'[^\w]|_', ' ', s.casefold()).split()


class Kinds:
    def __init__(self, data):
        self.standard = {int(r['code']): r['phrase'] for r in read(data, 'codes.tsv') if r['phrase']}
        self.variants = {}
        for r in read(data, 'variants.tsv'):
            self.variants.setdefault(int(r['code']), set()).add(folded(r['phrase']))
        self.rules = []
        self.problems = []
        for n, r in enumerate(read(data, 'paraphrases.tsv'), 2):
            if not r['words'] or r['words'] != ' '.join(tokens(r['words'])):
                self.problems.append('paraphrases.tsv:%d: words %r are not normalised lowercase words' % (n, r['words']))
            if r['same_as'] != '-' and r['same_as'] != ' '.join(tokens(r['same_as'])):
                self.problems.append('paraphrases.tsv:%d: same_as %r is neither - nor normalised words' % (n, r['same_as']))
            if r['code'] and not re.fullmatch(r'[1-7]\d\d', r['code']):
                self.problems.append('paraphrases.tsv:%d: code %r is not a status code' % (n, r['code']))
            self.rules.append((r['words'].split(), [] if r['same_as'] == '-' else r['same_as'].split(),
                               int(r['code']) if r['code'] else None))

    def rewrite(self, toks, code):
        """Synonym table, left to right: at each word the entry with the most
        words wins, one for this code before one for any code."""
        cand = sorted((x for x in self.rules if x[2] in (code, None)), key=lambda x: (-len(x[0]), x[2] is None))
        out, i = [], 0
        while i < len(toks):
            for w, same, _ in cand:
                if toks[i:i + len(w)] == w:
                    out += same
                    i += len(w)
                    break
            else:
                out.append(toks[i])
                i += 1
        return out

    def kind(self, code, phrase):
        std = self.standard.get(code)
        if std is not None and folded(phrase) == folded(std):
            return 'standard'
        if folded(phrase) in self.variants.get(code, ()):
            return 'variant'
        if std is not None:
            p = set(self.rewrite(tokens(phrase), code))
            s = set(self.rewrite(tokens(std), code))
            if p and p <= s:
                return 'paraphrase'
        return 'unknown'


def ascii_words(phrase):
    """Words as the plugin sees them: runs of ASCII letters and digits."""
    return [(m.start(), m.group(0).lower()) for m in re.finditer(r'[A-Za-z0-9]+', phrase)]


def in_codes(code, spec):
    if not spec:
        return True
    for part in spec.split(','):
        a, _, b = part.partition('-')
        if int(a) <= code <= int(b or a):
            return True
    return False


class Hints:
    """The weighted rule: every keyword found counts once with its weight;
    the category with the highest total wins if it reaches THRESHOLD and no
    other category has the same total."""
    THRESHOLD = 2

    def __init__(self, data):
        cats = {r['keyword']: r['category'] for r in read(data, 'hints.tsv')}
        self.rows = []
        for r in read(data, 'hint_weights.tsv'):
            self.rows.append((r['keyword'], cats.get(r['keyword']), int(r['weight']), r['codes']))
        self.categories = cats

    def guess(self, code, phrase):
        words = ascii_words(phrase)
        score, first = {}, {}
        for kw, cat, w, codes in self.rows:
            if cat is None or not in_codes(code, codes):
                continue
            hit = next((pos for pos, word in words if word.startswith(kw)), None)
            if hit is None:
                continue
            score[cat] = score.get(cat, 0) + w
            if cat not in first or (w, -hit) > first[cat][0]:
                first[cat] = ((w, -hit), kw)
        if not score:
            return None, None
        best = max(score.values())
        winners = [c for c, s in score.items() if s == best]
        if best < self.THRESHOLD or len(winners) > 1:
            return None, None
        return winners[0], first[winners[0]][1]


def first_keyword_guess(hints_rows, phrase):
    """The rule before: the first word (left to right) that starts with a
    keyword, longest keyword first, gives the category."""
    kws = sorted(hints_rows, key=lambda r: -len(r['keyword']))
    for pos, word in ascii_words(phrase):
        for r in kws:
            if word.startswith(r['keyword']):
                return r['category'], r['keyword']
    return None, None
