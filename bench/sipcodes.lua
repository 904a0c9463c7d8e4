-- sipcodes.lua: the sipcodes explanations as a Lua post-dissector, written
-- the way a Wireshark Lua script usually is. It exists to compare against
-- the C plugin (bench/run.sh); it is not part of the plugin.
--
-- Adds, for each SIP response: sipcodes_lua.code, .class, .phrase,
-- .standard_phrase, .phrase_nonstandard, .rfc, .registry, .description,
-- .variant, .variant.category, .variant.description (English).
-- (The C plugin also adds device codes, Q.850 mapping, outcome and expert
-- infos; this script does not, so it does less work per packet.)
--
-- Tables are read once, at load time, from data/codes.tsv and
-- data/variants.tsv: the folder is $SIPCODES_DATA_DIR, else ../data
-- relative to this script, else ./data next to it.
--
-- Usage: tshark -X lua_script:bench/sipcodes.lua -r capture.pcap \
--            -T fields -e sipcodes_lua.class -e sipcodes_lua.variant
--
-- SPDX-License-Identifier: GPL-2.0-or-later

local script_dir = (debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or ".")

local function readable(path)
    local f = io.open(path, "r")
    if f then f:close() return true end
    return false
end

local data_dir = os.getenv("SIPCODES_DATA_DIR")
if not data_dir or data_dir == "" then
    data_dir = script_dir .. "/../data"
    if not readable(data_dir .. "/codes.tsv") then
        data_dir = script_dir .. "/data"
    end
end

-- Reads a TSV file with a header line into a list of { column = value }.
local function read_tsv(name, optional)
    local path = data_dir .. "/" .. name
    local f = io.open(path, "r")
    if not f then
        if optional then return {} end
        error("sipcodes.lua: cannot read " .. path)
    end
    local header, rows = nil, {}
    for line in f:lines() do
        line = line:gsub("\r$", "")
        if line ~= "" then
            local cells = {}
            for cell in (line .. "\t"):gmatch("([^\t]*)\t") do
                cells[#cells + 1] = cell
            end
            if not header then
                header = cells
            else
                local row = {}
                for i, col in ipairs(header) do
                    row[col] = cells[i] or ""
                end
                rows[#rows + 1] = row
            end
        end
    end
    f:close()
    return rows
end

-- Phrases compare ASCII case-insensitively with runs of blanks folded.
local function normalize(phrase)
    local s = phrase:lower():gsub("[ \t]+", " ")
    return (s:gsub("^ ", ""):gsub(" $", ""))
end

local codes = {}    -- code -> row of codes.tsv
for _, row in ipairs(read_tsv("codes.tsv")) do
    codes[tonumber(row.code)] = row
end

local variants = {} -- "code normalized-phrase" -> row of variants.tsv
for _, row in ipairs(read_tsv("variants.tsv", true)) do
    variants[row.code .. " " .. normalize(row.phrase)] = row
end

local class_names = {
    [1] = "provisional", [2] = "success", [3] = "redirection",
    [4] = "client", [5] = "server", [6] = "global", [7] = "device",
}

local sipcodes_lua = Proto("sipcodes_lua", "SIP Response Codes (Lua)")

local pf = {
    code = ProtoField.uint16("sipcodes_lua.code", "Status code", base.DEC),
    class = ProtoField.string("sipcodes_lua.class", "Class"),
    phrase = ProtoField.string("sipcodes_lua.phrase", "Reason phrase"),
    standard_phrase = ProtoField.string("sipcodes_lua.standard_phrase", "Standard phrase"),
    phrase_nonstandard = ProtoField.bool("sipcodes_lua.phrase_nonstandard", "Phrase is non-standard"),
    rfc = ProtoField.string("sipcodes_lua.rfc", "Defined in"),
    registry = ProtoField.string("sipcodes_lua.registry", "Registry status"),
    description = ProtoField.string("sipcodes_lua.description", "Description"),
    variant = ProtoField.string("sipcodes_lua.variant", "Known variant"),
    variant_category = ProtoField.string("sipcodes_lua.variant.category", "Variant category"),
    variant_description = ProtoField.string("sipcodes_lua.variant.description", "Variant meaning"),
}
sipcodes_lua.fields = {
    pf.code, pf.class, pf.phrase, pf.standard_phrase, pf.phrase_nonstandard, pf.rfc,
    pf.registry, pf.description, pf.variant, pf.variant_category, pf.variant_description,
}

local f_status_line = Field.new("sip.Status-Line")
local f_status_code = Field.new("sip.Status-Code")

local function add_generated(tree, field, range, value)
    local item = tree:add(field, range, value)
    item:set_generated()
    return item
end

function sipcodes_lua.dissector(tvb, pinfo, tree)
    local lines = { f_status_line() }
    if #lines == 0 then
        return
    end
    local status_codes = { f_status_code() }
    for i, line_fi in ipairs(lines) do
        local line = line_fi.value
        local code_text, phrase = line:match("^[Ss][Ii][Pp]/%S+[ \t]+(%d%d%d)[ \t]*(.-)[ \t\r\n]*$")
        local code = tonumber(code_text)
        if not code then
            code = status_codes[i] and status_codes[i].value or 0
            phrase = ""
        end
        local range = line_fi.range
        local known = codes[code]
        local standard = known and known.phrase ~= "" and known.phrase or nil
        local norm = normalize(phrase)
        local nonstandard = standard ~= nil and normalize(standard) ~= norm
        local variant = (nonstandard or not standard) and variants[code .. " " .. norm] or nil
        local class = (code >= 100 and code <= 799) and class_names[math.floor(code / 100)] or "unknown"

        local st = tree:add(sipcodes_lua, range)
        st:append_text(string.format(": %03d %s (%s)", code, standard or phrase, class))
        add_generated(st, pf.code, range, code)
        add_generated(st, pf.class, range, class)
        add_generated(st, pf.phrase, range, phrase)
        if standard then
            add_generated(st, pf.standard_phrase, range, standard)
            add_generated(st, pf.phrase_nonstandard, range, nonstandard)
        end
        if known and known.rfc ~= "" then
            add_generated(st, pf.rfc, range, known.rfc)
        end
        add_generated(st, pf.registry, range, known and known.registry or "unregistered")
        if known then
            add_generated(st, pf.description, range, known.desc_en)
        end
        if variant then
            local vi = add_generated(st, pf.variant, range, variant.phrase)
            add_generated(vi, pf.variant_category, range, variant.category)
            add_generated(vi, pf.variant_description, range, variant.desc_en)
        end
    end
end

register_postdissector(sipcodes_lua)
