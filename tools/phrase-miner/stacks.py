"""Extraction rules of each SIP stack, for miner.py.

Each stack: url (public git), release and commit mined (see README),
include/exclude (path regexes), rules. A rule:
  type  call     calls of `names`; the argument after the status code is the
                 reason (a literal, a #define, a pj_str()/str_init() wrapper or
                 a variable set from one in the lines before)
        status   calls of `names` whose string argument is "NNN Reason"
        regex    `pattern` with named groups code and phrase
        case     switch tables: case NNN: return "Reason";
        errtable Kamailio/OpenSIPS err2reason_phrase(); `signatures` are the
                 suffixes the callers pass ("TM", "SL")
  files  path regex the rule applies to (default: all included files)
  kinds  file kinds it reads: code, config, doc (default code and config)
"""

TESTS = r'(^|/)(tests?|tester|testing|unittests?|testsuite|test-suite|tck|fuzz|examples/test)/|_test\.|Test\w*\.java$'

SCRIPT_REPLY = {'sl_send_reply', 'send_reply', 't_reply', 'sl_reply', 't_reply_with_body', 't_send_reply'}
STATUS_LINE = r'SIP/2\.0 (?P<code>[1-6]\d\d) (?P<phrase>[^\r\n"<\]\\]+?)[ \t]*(?:\\r|\\n|\r|\n|"|$)'

SOFIA_CALLS = {'nua_respond', 'nta_incoming_treply', 'nta_msg_treply', 'nta_msg_mreply', 'nta_incoming_mreply',
               'SR_STATUS', 'SR_STATUS1', 'soa_set_status', 'nua_server_respond'}
PJSIP_CALLS = {'pjsip_endpt_respond_stateless', 'pjsip_endpt_respond', 'pjsip_dlg_respond', 'pjsip_dlg_create_response',
               'pjsip_endpt_create_response', 'pjsip_inv_end_session', 'pjsip_inv_answer', 'pjsip_inv_initial_answer',
               'pjsua_call_answer', 'pjsua_call_answer2', 'pjsua_call_hangup', 'pjsip_dlg_modify_response',
               'ast_sip_create_response', 'ast_sip_send_response', 'ast_sip_send_stateful_response',
               'pjsip_evsub_accept', 'pjsip_tx_data_set_reason'}

STACKS = {
    'kamailio': {
        'url': 'https://github.com/kamailio/kamailio',
        'release': '6.2.0-dev1 (master 2026-08-21)',
        'commit': '38711a3e788de0130d48cb485578c482b57d9351',
        'exclude': TESTS + r'|^test/|^utils/',
        'rules': [
            {'type': 'call', 'names': {'sanity_reply', 'freply', 'zreply', 'sreply', 't_reply', 't_reply_unsafe',
                                       't_reply_with_body', 'stateful_request_reply', 'stateful_request_reply_async',
                                       'cscf_reply_transactional', 'cscf_reply_transactional_async',
                                       'auth_send_reply', 'send_resp', 'SCA_SUB_REPLY_ERROR', 'SCA_REPLY_ERROR',
                                       'rms_sip_reply', 'stateful_register_reply', 'sl_send_reply', 'send_reply',
                                       'sl_reply_helper', 'reply'},
             'files': r'\.(c|h)$'},
            {'type': 'call', 'names': SCRIPT_REPLY, 'files': r'\.(cfg|m4|inc)$|README|/doc/[^/]+\.xml$',
             'kinds': ('config', 'doc')},
            {'type': 'errtable', 'files': r'src/core/error\.c$', 'signatures': ('TM', 'SL'),
             'error_files': r'src/core/error\.[ch]$', 'return_files': r'src/modules/tm/'},
        ],
    },
    'opensips': {
        'url': 'https://github.com/OpenSIPS/opensips',
        'release': '4.0.1+ (master 2026-08-20)',
        'commit': '8f4f1e1b4015a52f88953e6c16758f800bd0e9fb',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': {'reply', 'sl_send_reply', 'send_reply', 't_reply', 't_reply_unsafe',
                                       't_reply_with_body', 'media_session_rpl', 'set_err_reply', 'sl_reply_helper',
                                       'send_resp', 'b2b_send_reply', 'sanity_reply'},
             'files': r'\.(c|h)$'},
            {'type': 'call', 'names': SCRIPT_REPLY, 'files': r'\.(cfg|m4|inc)$|README|/doc/[^/]+\.xml$',
             'kinds': ('config', 'doc')},
            {'type': 'errtable', 'files': r'^error\.c$|^core/error\.c$', 'signatures': ('TM', 'SL'),
             'error_files': r'(^|/)error\.[ch]$', 'return_files': r'modules/tm/'},
        ],
    },
    'freeswitch': {
        'url': 'https://github.com/signalwire/freeswitch',
        'release': '1.11.3-dev (master 2026-08-21, after v1.11.2)',
        'commit': 'cc93a683ca6e1f8f47c1d6e38bd2daf8fa6a7b1c',
        'include': r'^src/(mod/endpoints/mod_sofia|mod/applications|include|switch_)',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': SOFIA_CALLS | {'sofia_reg_auth_challenge'}},
            {'type': 'regex', 'name': 'phrase by cause', 'files': r'mod_sofia\.c$',
             'pattern': r'sip_cause\s*==\s*(?P<code>[1-6]\d\d)\b[^;]*?\bphrase\s*=\s*"(?P<phrase>[^"]+)"'},
        ],
    },
    'sofia-sip': {
        'url': 'https://github.com/freeswitch/sofia-sip',
        'release': '1.13.17+ (master 2026-06-18)',
        'commit': '7333682a297f28130ff46d5ef0f9e2f72adca0e8',
        'include': r'^libsofia-sip-ua/',
        'exclude': TESTS + r'|/torture_|/check_|/test_',
        'rules': [
            {'type': 'regex', 'name': 'status table', 'files': r'sip/sip_status\.c$',
             'pattern': r'\bsip_(?P<code>[1-6]\d\d)_\w+\[\]\s*=\s*"(?P<phrase>[^"]*)"'},
            {'type': 'call', 'names': SOFIA_CALLS},
        ],
    },
    'asterisk': {
        'url': 'https://github.com/asterisk/asterisk',
        'release': '23.x (master 2026-08-06)',
        'commit': 'f0c1c1a7b79b0f8cc0311649bf36824cbeee30a9',
        'include': r'^(res/res_pjsip|channels/(chan_pjsip|chan_sip)|res/res_stir|apps/app_|main/)',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': PJSIP_CALLS},
            {'type': 'status', 'names': {'transmit_response', 'transmit_response_reliable', 'transmit_response_with_sdp',
                                         'transmit_response_with_auth', 'transmit_response_with_unsupported',
                                         'transmit_response_with_allow', 'transmit_response_with_retry_after',
                                         'transmit_response_with_minse', 'transmit_response_with_attachment',
                                         'transmit_fake_auth_response', 'transmit_provisional_response',
                                         'transmit_response_using_temp', 'transmit_response_with_t38_sdp',
                                         'transmit_response_with_minexpires'},
             'files': r'channels/chan_sip\.c$|channels/sip/'},
        ],
    },
    'pjproject': {
        'url': 'https://github.com/pjsip/pjproject',
        'release': '2.17+ (master 2026-08-20)',
        'commit': 'b7317ffcaf1d20a38eb231cf15b7b65c4734dbb4',
        'include': r'^pjsip/(src|include)/',
        'exclude': TESTS + r'|pjsip/src/test/',
        'rules': [
            {'type': 'regex', 'name': 'status table', 'files': r'pjsip/src/pjsip/sip_msg\.c$',
             'pattern': r'status_phrase\[(?P<code>\d+)\]\s*,\s*"(?P<phrase>[^"]*)"'},
            {'type': 'call', 'names': PJSIP_CALLS},
        ],
    },
    'resiprocate': {
        'url': 'https://github.com/resiprocate/resiprocate',
        'release': '1.14.0+ (master 2026-08-14)',
        'commit': '68c54f2994e466b2aa62e18e8e0c246f4ed049e6',
        'include': r'^(resip/(stack|dum)|repro)/',
        'exclude': TESTS + r'|repro/(CommandServer|RegSyncServer|RegSyncClient)',
        'rules': [
            {'type': 'call', 'names': {'makeResponse', 'rejectUpdate', 'sendResponse', 'reject', 'rejectCommand',
                                       'makeFailure', 'sendFailure', 'rejectTransaction', 'end', 'respond'}},
            {'type': 'case', 'files': r'resip/stack/Helper\.cxx$'},
            {'type': 'regex', 'name': 'default reasons', 'files': r'resip/stack/Helper\.cxx$',
             'pattern': r'\{\s*(?P<code>[1-6]\d\d)\s*,\s*"(?P<phrase>[^"]*)"\s*\}'},
        ],
    },
    'yate': {
        'url': 'https://github.com/yatevoip/yate',
        'release': 'master 2025-08-12 (6.4.x)',
        'commit': '1647cdc467274b293c040d5b4d8880cea2b18072',
        'include': r'^(libs/ysip/|modules/ysipchan|modules/sip/)',
        'exclude': TESTS,
        'rules': [
            {'type': 'regex', 'name': 'status table', 'files': r'libs/ysip/engine\.cpp$',
             'pattern': r'\{\s*"(?P<phrase>[^"]+)"\s*,\s*(?P<code>[1-6]\d\d)\s*\}'},
            {'type': 'call', 'names': {'setResponse', 'autoRespond', 'sendResponse', 'respond'}},
        ],
    },
    'baresip': {
        'url': 'https://github.com/baresip/baresip',
        'release': '4.10.0+ (main 2026-07-24)',
        'commit': '044dd4e3ee7480c090ae41d6990243a18a367575',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': {'sip_reply', 'sip_treply', 'sip_replyf', 'sip_treplyf', 'sipsess_reject',
                                       'ua_hangup', 'ua_hangupf', 'call_hangup', 'sipsess_progress', 'sipsess_answer',
                                       'sipsess_accept', 'sipnot_reply', 'sipevent_accept', 'call_reject'}},
        ],
    },
    're': {
        'url': 'https://github.com/baresip/re',
        'release': '4.10.0+ (main 2026-08-19)',
        'commit': '848ed0b69469dc1074dad2fea9b339fbb9cb4fb7',
        'include': r'^(src|include)/',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': {'sip_reply', 'sip_treply', 'sip_replyf', 'sip_treplyf', 'sipsess_reject',
                                       'sipsess_reply_2xx', 'sipsess_answer', 'sipsess_accept', 'sipnot_reply',
                                       'sipevent_accept', 'sipsess_progress', 'sip_reply_addr'}},
        ],
    },
    'belle-sip': {
        'url': 'https://github.com/BelledonneCommunications/belle-sip',
        'release': '5.5.0-alpha (master 2025-06-24)',
        'commit': 'e7a1bee26e08c46d9f6f9f403fa7db922d11b90e',
        'include': r'^(src|include)/',
        'exclude': TESTS,
        'rules': [
            {'type': 'regex', 'name': 'status table', 'files': r'src/message\.cc$',
             'pattern': r'\{\s*(?P<code>[1-6]\d\d)\s*,\s*"(?P<phrase>[^"]*)"\s*\}'},
            {'type': 'call', 'names': {'belle_sip_response_set_reason_phrase', 'belle_sip_response_new_from_request'}},
        ],
    },
    'liblinphone': {
        'url': 'https://github.com/BelledonneCommunications/liblinphone',
        'release': '5.5.0-alpha (master 2025-06-24)',
        'commit': '9896e6c9bcc12019a227af3a123d7bb781bae383',
        'include': r'^src/',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': {'belle_sip_response_set_reason_phrase', 'replyWithErrorInfo', 'reply',
                                       'sal_op_reply'}},
        ],
    },
    'jain-sip': {
        'url': 'https://github.com/usnistgov/jsip',
        'release': 'master 2023-11-03 (1.3.0-SNAPSHOT)',
        'commit': 'bbf30675950d63a7d2cf5570a68a2e4ead66aad6',
        'include': r'^src/(gov|javax)/',
        'exclude': TESTS,
        'rules': [
            {'type': 'case', 'files': r'message/SIPResponse\.java$'},
            {'type': 'regex', 'name': 'setReasonPhrase', 'files': r'\.java$',
             'pattern': r'createResponse\(\s*(?P<code>[\w.]+)\s*\)[^;]*;[^;]*?setReasonPhrase\(\s*"(?P<phrase>[^"]+)"'},
            {'type': 'regex', 'name': 'reason constant', 'files': r'DialogFilter\.java$',
             'pattern': r'createResponse\(\s*(?P<code>[\w.]+)\s*\)[^;]*;\s*sipResponse\.setReasonPhrase\(\s*(?P<reason>\w+)\)'},
        ],
    },
    'sipp': {
        'url': 'https://github.com/SIPp/sipp',
        'release': '3.7.7+ (master 2026-06-08)',
        'commit': '31658c2fe7fa9ca508020e68956d7039c4a840cb',
        'include': r'^(src|sipp_scenarios|docs)/',
        'exclude': TESTS,
        'rules': [
            {'type': 'regex', 'name': 'status line', 'pattern': STATUS_LINE, 'kinds': ('code', 'config', 'doc')},
        ],
    },
    'drachtio': {
        'url': 'https://github.com/drachtio/drachtio-server',
        'release': '0.9.10+ (main 2026-07-20)',
        'commit': '9c2dd4cb6ae7c86fc494f028d35ea3381e311e38',
        'include': r'^src/',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': SOFIA_CALLS},
        ],
    },
    'janus': {
        'url': 'https://github.com/meetecho/janus-gateway',
        'release': '1.4.1+ (master 2026-04-29)',
        'commit': '94408ffccbc1a7c39dac82d55e5dd475c807e770',
        'include': r'^src/plugins/janus_sip',
        'rules': [
            {'type': 'call', 'names': SOFIA_CALLS},
        ],
    },
    'sems': {
        'url': 'https://github.com/sems-server/sems',
        'release': '2.1.0+ (master 2026-05-04)',
        'commit': '2775036c2b1398ff28b3a54be1192a357ed68798',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': {'reply', 'reply_error', 'Exception', 'send_sf_error_reply',
                                       'gen_error_reply_from_req', 'FALLBACK_OR_EXCEPTION', 'replyError',
                                       'sendReply', 'AmSessionException', 'reply_request', 'ERROR_REPLY'}},
        ],
    },
    'flexisip': {
        'url': 'https://github.com/BelledonneCommunications/flexisip',
        'release': '2.7.0-alpha (master 2026-06-29)',
        'commit': 'b3cf98c0bed98c7cf096b093411651e6a49c6fc5',
        'include': r'^src/',
        'exclude': TESTS,
        'rules': [
            {'type': 'call', 'names': {'reply', 'nta_msg_treply', 'nta_incoming_treply', 'sendReply', 'nua_respond',
                                       'sendProvisionalResponse', 'replyWithError'}},
        ],
    },
    'fixture': {
        'url': '(tools/phrase-miner/fixtures/tree)',
        'release': 'fixture',
        'commit': '-',
        'rules': [
            {'type': 'call', 'names': {'sl_send_reply', 't_reply', 'nta_msg_treply', 'pjsip_endpt_respond_stateless',
                                       'sanity_reply'}},
            {'type': 'call', 'names': SCRIPT_REPLY, 'files': r'\.cfg$|README', 'kinds': ('config', 'doc')},
            {'type': 'status', 'names': {'transmit_response'}},
            {'type': 'regex', 'name': 'status table', 'files': r'status\.c$',
             'pattern': r'\bsip_(?P<code>[1-6]\d\d)_\w+\[\]\s*=\s*"(?P<phrase>[^"]*)"'},
            {'type': 'case', 'files': r'Response\.java$'},
            {'type': 'regex', 'name': 'status line', 'files': r'\.xml$', 'pattern': STATUS_LINE},
            {'type': 'errtable', 'files': r'core/error\.c$', 'signatures': ('TM', 'SL'),
             'error_files': r'core/error\.[ch]$', 'return_files': r'modules/tm/'},
        ],
    },
}
