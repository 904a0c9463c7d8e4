#!/usr/bin/env python3
"""List the (status code, reason phrase) pairs a SIP stack can send.

Reads a source tree (a folder, or a revision of a git directory) and applies
the extraction rules of one stack (stacks.py). Writes TSV to stdout:

  stack release code phrase state kind file line rule

state: live (can be sent), commented (inside a comment), unreachable
(inside #if 0, or an error-table entry whose error is never raised).
kind: code, config (shipped configuration or scenario), doc (documentation).
Standard library only.
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stacks  # noqa: E402

CODE_EXT = {'.c', '.h', '.cc', '.cpp', '.cxx', '.hxx', '.hpp', '.hh', '.java', '.m', '.mm'}
CFG_EXT = {'.cfg', '.m4', '.inc'}
XML_EXT = {'.xml'}
DOC_NAMES = re.compile(r'(^|/)(README[^/]*|[^/]*\.md|[^/]*\.txt|doc/[^/]*\.xml)$')
MAX_FILE = 4 * 1024 * 1024

HEADER = ['stack', 'release', 'code', 'phrase', 'state', 'kind', 'file', 'line', 'rule']


# ---------------------------------------------------------------- sources

def walk_folder(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, '/')
            try:
                if os.path.getsize(full) > MAX_FILE:
                    continue
                with open(full, 'rb') as f:
                    yield rel, f.read()
            except OSError:
                continue


def walk_git(git_dir, rev, wanted):
    """Blobs of a revision; blobs missing from a partial copy are skipped."""
    out = subprocess.run(['git', '--git-dir', git_dir, 'ls-tree', '-r', '-z', '--long', rev],
                         check=True, capture_output=True).stdout
    items = []
    for entry in out.split(b'\0'):
        if not entry:
            continue
        meta, path = entry.split(b'\t', 1)
        parts = meta.split()
        if parts[1] != b'blob' or not parts[3].isdigit() or int(parts[3]) > MAX_FILE:
            continue
        p = path.decode('utf-8', 'replace')
        if wanted(p):
            items.append((p, parts[2].decode()))
    proc = subprocess.Popen(['git', '--git-dir', git_dir, 'cat-file', '--batch'],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for p, sha in items:
        proc.stdin.write(sha.encode() + b'\n')
        proc.stdin.flush()
        head = proc.stdout.readline().split()
        if len(head) < 3 or head[1] == b'missing':
            continue
        data = proc.stdout.read(int(head[2]))
        proc.stdout.read(1)
        yield p, data
    proc.stdin.close()
    proc.wait()


def file_kind(path):
    base = path.rsplit('/', 1)[-1]
    ext = os.path.splitext(base)[1].lower()
    if DOC_NAMES.search(path):
        return 'doc'
    if ext in CODE_EXT:
        return 'code'
    if ext in CFG_EXT or ext in XML_EXT:
        return 'config'
    return None


# ---------------------------------------------------------------- lexing

def comment_mask(text, lang):
    """Per character: True inside a comment. lang: c, cfg or xml."""
    n = len(text)
    mask = bytearray(n)
    i = 0
    if lang == 'xml':
        for m in re.finditer(r'<!--.*?-->', text, re.S):
            mask[m.start():m.end()] = b'\1' * (m.end() - m.start())
        return mask
    while i < n:
        c = text[i]
        if c == '/' and i + 1 < n and text[i + 1] == '/':
            j = text.find('\n', i)
            j = n if j < 0 else j
            mask[i:j] = b'\1' * (j - i)
            i = j
        elif c == '/' and i + 1 < n and text[i + 1] == '*':
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            mask[i:j] = b'\1' * (j - i)
            i = j
        elif lang == 'cfg' and c == '#' and not text.startswith('#!', i) and \
                not text.startswith('#+', i) and not re.match(r'#\s*(define|ifn?def|endif|else|include)\b', text[i:i + 12]):
            j = text.find('\n', i)
            j = n if j < 0 else j
            mask[i:j] = b'\1' * (j - i)
            i = j
        elif c == '"' or (c == "'" and lang == 'c'):
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            i = j + 1
        else:
            i += 1
    return mask


def disabled_lines(text):
    """Line numbers (1-based) inside #if 0 blocks."""
    dead = set()
    stack = []  # one bool per open #if: True when this branch is dead
    for no, line in enumerate(text.split('\n'), 1):
        s = line.strip()
        m = re.match(r'#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)', s)
        if m:
            d, rest = m.group(1), m.group(2).strip()
            if d in ('if', 'ifdef', 'ifndef'):
                stack.append(d == 'if' and re.match(r'(0|FALSE|false)\b', rest) is not None)
            elif d in ('else', 'elif') and stack:
                stack[-1] = False
            elif d == 'endif' and stack:
                stack.pop()
            continue
        if any(stack):
            dead.add(no)
    return dead


STRING_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def unescape(s):
    return s.replace('\\"', '"').replace('\\\\', '\\').replace('\\t', ' ')


def parse_args(text, i, limit=3000):
    """text[i] is '('. Returns (list of argument strings, end index)."""
    depth, j, start, args = 0, i, i + 1, []
    end = min(len(text), i + limit)
    while j < end:
        c = text[j]
        if c == '"':
            j += 1
            while j < end and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                args.append(text[start:j].strip())
                return args, j
        elif c == ',' and depth == 1:
            args.append(text[start:j].strip())
            start = j + 1
        elif c == ';' and depth == 1:
            return None, j
        j += 1
    return None, j


def literal(arg):
    """The text of an argument made only of string literals, else None."""
    a = arg.strip()
    if not a.startswith('"'):
        return None
    parts = STRING_RE.findall(a)
    rest = STRING_RE.sub('', a).strip()
    if rest:
        return None
    return unescape(''.join(parts))


WRAP_RE = re.compile(r'^(?:\(\s*char\s*\*\s*\)\s*)?(?:pj_str|str_init|STR_STATIC_INIT|_str|pj_cstr|'
                     r'std::string|string|L|_|N_|su_strdup|strdup)\s*\(\s*(".*")\s*\)$', re.S)


class Symbols:
    """Integer and string constants of a tree: #define, enum, Java final."""

    def __init__(self):
        self.ints, self.strs = {}, {}

    def scan(self, text):
        for m in re.finditer(r'^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+\(?[ \t]*(-?\d+)[ \t]*\)?[ \t]*(?:/[/*].*)?$', text, re.M):
            self.ints.setdefault(m.group(1), int(m.group(2)))
        for m in re.finditer(r'\b([A-Z][A-Z0-9_]+)\s*=\s*(-?\d+)\s*[,;}]', text):
            self.ints.setdefault(m.group(1), int(m.group(2)))
        for m in re.finditer(r'^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+((?:"(?:[^"\\\n]|\\.)*"[ \t]*)+)', text, re.M):
            self.strs.setdefault(m.group(1), literal(m.group(2)))
        for m in re.finditer(r'\bstatic\s+final\s+String\s+(\w+)\s*=\s*("(?:[^"\\\n]|\\.)*")\s*;', text):
            self.strs.setdefault(m.group(1), literal(m.group(2)))


def local_strings(text, before, name, lines_back=80):
    """Strings assigned to variable `name` in the lines before offset `before`."""
    start = before
    for _ in range(lines_back):
        k = text.rfind('\n', 0, start)
        if k < 0:
            start = 0
            break
        start = k
    seg = text[start:before]
    pats = [
        r'\b%s\s*=\s*(?:\(\s*char\s*\*\s*\)\s*)?(?:pj_str|str_init|STR_STATIC_INIT|_str)?\s*\(?\s*("(?:[^"\\\n]|\\.)*")' % name,
        r'\b(?:pj_cstr|pj_strset2|pj_strdup2)\s*\(\s*(?:\w+\s*,\s*)?&?%s\s*,\s*("(?:[^"\\\n]|\\.)*")' % name,
        r'\b%s\s*\[\s*\]\s*=\s*("(?:[^"\\\n]|\\.)*")' % name,
        r'\bstr\s+%s\s*=\s*\{\s*("(?:[^"\\\n]|\\.)*")' % name,
    ]
    out = []
    for p in pats:
        for m in re.finditer(p, seg):
            v = literal(m.group(1))
            if v is not None and v not in out:
                out.append(v)
    return out


def file_strings(text, name):
    m = re.search(r'\b(?:static\s+)?(?:const\s+)?(?:str|pj_str_t|char)\s*\*?\s*%s\s*(?:\[\s*\])?\s*=\s*'
                  r'(?:str_init|STR_STATIC_INIT|pj_str|_str)?\s*[({]?\s*("(?:[^"\\\n]|\\.)*")' % re.escape(name), text)
    return [literal(m.group(1))] if m else []


def resolve_code(arg, syms):
    a = arg.strip().strip('()').strip()
    q = literal(a)
    if q is not None:
        a = q.strip()
    if re.fullmatch(r'[1-6]\d\d', a):
        return int(a)
    name = re.sub(r'^(?:\w+(?:\.|::|->))+', '', a)
    v = syms.ints.get(name)
    if v is not None and 100 <= v <= 699:
        return v
    return None


def resolve_reason(arg, text, pos, syms):
    a = arg.strip()
    v = literal(a)
    if v is not None:
        return [v]
    m = WRAP_RE.match(a)
    if m:
        v = literal(m.group(1))
        return [v] if v is not None else []
    m = re.fullmatch(r'&?\s*(\w+)(?:\.s)?', a)
    if m:
        name = m.group(1)
        if name in syms.strs and syms.strs[name] is not None:
            return [syms.strs[name]]
        found = local_strings(text, pos, name)
        return found or file_strings(text, name)
    m = re.fullmatch(r'(\w+)\s*\(\s*\)', a)  # constant-returning helper: not resolved
    return []


# ---------------------------------------------------------------- extraction

class Hit:
    __slots__ = ('code', 'phrase', 'pos', 'rule', 'state')

    def __init__(self, code, phrase, pos, rule, state=None):
        self.code, self.phrase, self.pos, self.rule, self.state = code, phrase, pos, rule, state


CALL_RE = re.compile(r'((?:[A-Za-z_]\w*\s*(?:\.|->|::)\s*)*)([A-Za-z_]\w*)\s*\(')


def extract_calls(text, rule, syms):
    """Calls of the named functions whose arguments hold a code followed by a reason."""
    names = rule['names']
    hits = []
    for m in CALL_RE.finditer(text):
        if m.group(2) not in names:
            continue
        args, _ = parse_args(text, m.end() - 1)
        if not args:
            continue
        for k, a in enumerate(args):
            if re.fullmatch(r'SIP_[1-6]\d\d_\w+', a.strip()):
                break  # a sofia-sip status macro: code and default phrase together
            code = resolve_code(a, syms)
            if code is None:
                continue
            if k + 1 < len(args):
                for phrase in resolve_reason(args[k + 1], text, m.start(), syms):
                    hits.append(Hit(code, phrase, m.start(), 'call ' + m.group(2)))
            break
    return hits


STATUS_TEXT_RE = re.compile(r'^([1-6]\d\d) +(\S.*)$')


def extract_status_calls(text, rule, syms):
    """Calls whose string argument is a whole status ("486 Busy here")."""
    hits = []
    for m in CALL_RE.finditer(text):
        if m.group(2) not in rule['names']:
            continue
        args, _ = parse_args(text, m.end() - 1)
        for a in args or []:
            v = literal(a)
            if v is None:
                m2 = re.fullmatch(r'&?\s*(\w+)', a.strip())
                v = syms.strs.get(m2.group(1)) if m2 else None
            if v is not None:
                s = STATUS_TEXT_RE.match(v.strip())
                if s:
                    hits.append(Hit(int(s.group(1)), s.group(2).strip(), m.start(), 'status ' + m.group(2)))
                break
    return hits


def extract_regex(text, rule, syms):
    """A pattern with groups code and phrase (or phrase and code)."""
    hits = []
    for m in re.finditer(rule['pattern'], text, re.M):
        code = resolve_code(m.group('code'), syms)
        if code is None:
            continue
        if 'reason' in m.groupdict():
            phrases = resolve_reason(m.group('reason'), text, m.start(), syms)
        else:
            phrases = [unescape(m.group('phrase')).strip()]
        for phrase in phrases:
            hits.append(Hit(code, phrase, m.start(), rule.get('name', 'regex')))
    return hits


def extract_case_table(text, rule, syms):
    """switch tables: case 486: return "Busy here"; (or x = "...")."""
    hits = []
    pending = []
    for m in re.finditer(r'\bcase\s+([\w.:]+)\s*:|\breturn\s+("(?:[^"\\\n]|\\.)*")|\b\w+\s*=\s*("(?:[^"\\\n]|\\.)*")\s*;|\bbreak\s*;',
                         text):
        if m.group(1):
            code = resolve_code(m.group(1), syms)
            if code is not None:
                pending.append((code, m.start()))
        elif m.group(2) or m.group(3):
            s = literal(m.group(2) or m.group(3))
            for code, pos in pending:
                hits.append(Hit(code, s, pos, 'case table'))
            pending = []
        else:
            pending = []
    return hits


def extract_error_table(text, rule, syms, tree):
    """Kamailio/OpenSIPS err2reason_phrase: the phrase of each internal error,
    with the "(N/TM)" or "(N/SL)" suffix; live only when some code raises it."""
    hits = []
    body = text[text.find('err2reason_phrase'):]
    raised = tree['raised']
    handled = set()
    for m in re.finditer(r'case\s+(E_\w+)\s*:\s*error_txt\s*=\s*("(?:[^"\\\n]|\\.)*")\s*;\s*\*sip_error\s*=\s*([^;]+);', body):
        const, txt, code_expr = m.group(1), literal(m.group(2)), m.group(3).strip()
        handled.add(const)
        val = syms.ints.get(const)
        if val is None:
            continue
        if re.fullmatch(r'-\s*\w+', code_expr) and code_expr.lstrip('-').strip() not in syms.ints:
            code = -val  # the error's own number
        elif re.fullmatch(r'\d+', code_expr):
            code = int(code_expr)
        else:
            code = -syms.ints.get(code_expr.lstrip('-'), 0)
        pos = text.find('err2reason_phrase') + m.start()
        state = None if const in raised else 'unreachable'
        for sig in rule['signatures']:
            hits.append(Hit(code, '%s (%d/%s)' % (txt, -val, sig), pos, 'error table', state))
    d = re.search(r'default\s*:\s*error_txt\s*=\s*("(?:[^"\\\n]|\\.)*")', body)
    if d:
        txt = literal(d.group(1))
        pos = text.find('err2reason_phrase') + d.start()
        for const in sorted(raised - handled, key=lambda c: -syms.ints.get(c, 0)):
            val = syms.ints.get(const)
            if val is None or not -99 <= val <= -1:
                continue
            for sig in rule['signatures']:
                hits.append(Hit(500, '%s (%d/%s)' % (txt, -val, sig), pos, 'error table'))
    return hits


def error_raisers(files, rule):
    """Internal errors some code raises: assigned to ser_error, or returned
    by a function of the transaction module, or passed to a reply helper."""
    raised = set()
    for path, text in files:
        if re.search(rule['error_files'], path):
            continue
        for m in re.finditer(r'\bser_error\s*=\s*(?:\w+\s*=\s*)?(E_\w+)', text):
            raised.add(m.group(1))
        if re.search(rule['return_files'], path):
            for m in re.finditer(r'\breturn\s+(E_\w+)\s*;', text):
                raised.add(m.group(1))
    return raised


EXTRACTORS = {
    'call': extract_calls,
    'status': extract_status_calls,
    'regex': extract_regex,
    'case': extract_case_table,
}


def lang_of(path):
    ext = os.path.splitext(path)[1].lower()
    if ext in XML_EXT:
        return 'xml'
    if ext in CFG_EXT:
        return 'cfg'
    if ext in CODE_EXT:
        return 'c'
    return 'text'


def mine(stack, files, release):
    """files: list of (path, text). Yields output rows."""
    rules = stack['rules']
    syms = Symbols()
    for path, text in files:
        if lang_of(path) == 'c':
            syms.scan(text)
    tree = {}
    for rule in rules:
        if rule['type'] == 'errtable':
            tree['raised'] = error_raisers(files, rule)
    rows = set()
    for path, text in files:
        kind = file_kind(path)
        applicable = [r for r in rules if re.search(r.get('files', r'.'), path)
                      and (kind in r.get('kinds', ('code', 'config')))]
        if not applicable:
            continue
        lang = lang_of(path)
        mask = comment_mask(text, lang) if lang in ('c', 'cfg', 'xml') else bytearray(len(text))
        dead = disabled_lines(text) if lang == 'c' else set()
        for rule in applicable:
            if rule['type'] == 'errtable':
                hits = extract_error_table(text, rule, syms, tree)
            else:
                hits = EXTRACTORS[rule['type']](text, rule, syms)
            for h in hits:
                if not h.phrase or not (100 <= h.code <= 699):
                    continue
                line = text.count('\n', 0, h.pos) + 1
                state = h.state
                if line in dead:
                    state = 'unreachable'
                elif state is None:
                    if h.pos < len(mask) and mask[h.pos]:
                        state = 'commented'
                    else:
                        state = 'live'
                rows.add((stack['name'], release, h.code, ' '.join(h.phrase.split()), state, kind,
                          path, line, h.rule))
    return sorted(rows, key=lambda r: (r[2], r[3].lower(), r[6], r[7]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--stack', required=True, help='stack name in stacks.py (or "list")')
    src = ap.add_mutually_exclusive_group()
    src.add_argument('--tree', help='source folder')
    src.add_argument('--git-dir', help='git directory (a bare clone)')
    ap.add_argument('--rev', default='HEAD', help='revision to read with --git-dir')
    ap.add_argument('--release', help='release label for the output (default: the stack\'s)')
    ap.add_argument('--no-header', action='store_true')
    a = ap.parse_args(argv)
    if a.stack == 'list':
        for name, s in sorted(stacks.STACKS.items()):
            print('%s\t%s\t%s\t%s' % (name, s['url'], s['release'], s['commit']))
        return 0
    if a.stack not in stacks.STACKS:
        ap.error('unknown stack %r; --stack list shows them' % a.stack)
    stack = dict(stacks.STACKS[a.stack], name=a.stack)
    inc = re.compile(stack.get('include', r'.'))
    exc = re.compile(stack['exclude']) if stack.get('exclude') else None

    def wanted(p):
        return file_kind(p) is not None and inc.search(p) and not (exc and exc.search(p))

    if a.git_dir:
        raw = walk_git(a.git_dir, a.rev, wanted)
    elif a.tree:
        raw = ((p, d) for p, d in walk_folder(a.tree) if wanted(p))
    else:
        ap.error('give --tree or --git-dir')
    files = [(p, d.decode('utf-8', 'replace')) for p, d in raw]
    release = a.release or stack['release']
    w = sys.stdout
    if not a.no_header:
        w.write('\t'.join(HEADER) + '\n')
    for row in mine(stack, files, release):
        w.write('\t'.join(str(x) for x in row) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
