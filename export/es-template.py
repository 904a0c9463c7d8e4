#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Elasticsearch/OpenSearch index template for the sipcodes fields of
"tshark -T ek", from the fields the plugin registers:

    tshark -G fields | export/es-template.py > export/sipcodes-ek-template.json

(tshark with the plugin loaded). "-T ek" names a field in two ways, and the
template maps both:
  without -e  layers.sipcodes.sipcodes_<field>, expert items under
              layers.sipcodes._ws_expert (the name is the protocol, "_",
              then the field name with "." made "_")
  with -e     layers.<field>, every value a string in an array
A boolean is true/false without -e and "0"/"1" (4.0) or "False"/"True"
(4.2 on) with -e, which an ES boolean refuses: keyword there.
A field type with no mapping below stops the script.
"""
import json
import sys

PROTO = "sipcodes"

# Wireshark FT_* -> ES type. Unsigned types go to the next signed type that
# holds them; times relative to the capture are seconds.
ES_TYPE = {
    "FT_BOOLEAN": "boolean",
    "FT_UINT8": "short", "FT_UINT16": "integer", "FT_UINT24": "integer", "FT_UINT32": "long",
    "FT_UINT40": "long", "FT_UINT48": "long", "FT_UINT56": "long", "FT_UINT64": "unsigned_long",
    "FT_INT8": "byte", "FT_INT16": "short", "FT_INT24": "integer", "FT_INT32": "integer",
    "FT_INT40": "long", "FT_INT48": "long", "FT_INT56": "long", "FT_INT64": "long",
    "FT_FRAMENUM": "long",
    "FT_FLOAT": "float", "FT_DOUBLE": "double",
    "FT_RELATIVE_TIME": "double",
    "FT_ABSOLUTE_TIME": "date",
    "FT_STRING": "keyword", "FT_STRINGZ": "keyword", "FT_STRINGZPAD": "keyword", "FT_STRINGZTRUNC": "keyword",
    "FT_UINT_STRING": "keyword",
    "FT_IPv4": "ip", "FT_IPv6": "ip",
    "FT_NONE": "keyword",  # expert items: no value (null)
}


def main():
    fields = []
    for line in sys.stdin:
        cols = line.rstrip("\n").split("\t")
        # F, name, abbrev, type, parent protocol, ...
        if len(cols) >= 5 and cols[0] == "F" and cols[4] == PROTO:
            fields.append((cols[2], cols[3]))
    if not fields:
        sys.exit("es-template.py: no field of the protocol sipcodes in the input (is the plugin loaded?)")
    unknown = sorted({t for _, t in fields if t not in ES_TYPE})
    if unknown:
        sys.exit("es-template.py: no ES type for " + ", ".join(unknown))

    nested, expert, flat = {}, {}, {}
    for abbrev, ft in fields:
        key = abbrev.replace(".", "_")
        es = {"type": ES_TYPE[ft]}
        (expert if ft == "FT_NONE" else nested)[PROTO + "_" + key] = es
        flat[key] = {"type": "keyword"} if ft == "FT_BOOLEAN" else es
    # the expert item's own keys, which Wireshark writes with each one
    expert["_ws_expert__ws_expert_message"] = {"type": "keyword"}
    expert["_ws_expert__ws_expert_group"] = {"type": "long"}
    expert["_ws_expert__ws_expert_severity"] = {"type": "long"}
    nested["_ws_expert"] = {"properties": expert}
    # an empty object beside an expert item of the group Malformed
    nested["_ws_malformed"] = {"type": "object"}

    layers = {PROTO: {"properties": nested}}
    layers.update(flat)
    template = {
        "index_patterns": ["packets-*"],
        "priority": 100,
        "template": {
            "mappings": {
                "properties": {
                    "timestamp": {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
                    "layers": {"properties": layers},
                }
            }
        },
        "_meta": {"description": "sipcodes fields of tshark -T ek, with and without -e"},
    }
    json.dump(template, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


main()
