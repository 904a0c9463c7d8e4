# SPDX-License-Identifier: GPL-2.0-or-later
# Run at build time (cmake -P): every table of sipcodes-lookup --export, as
# OUT/<table>.csv and OUT/<table>.json. The table names are the tool's own,
# from its message for a missing table.
#   cmake -DLOOKUP=path/sipcodes-lookup -DOUT=dir -P ExportTables.cmake
execute_process(COMMAND ${LOOKUP} --export csv ERROR_VARIABLE _msg OUTPUT_QUIET RESULT_VARIABLE _rc)
if(NOT _msg MATCHES "one of: ([a-z0-9_, ]+)")
    message(FATAL_ERROR "sipcodes-lookup --export names no tables: ${_msg}")
endif()
string(REPLACE ", " ";" _tables "${CMAKE_MATCH_1}")
file(MAKE_DIRECTORY ${OUT})
foreach(_t IN LISTS _tables)
    foreach(_f csv json)
        execute_process(COMMAND ${LOOKUP} --export ${_f} ${_t} OUTPUT_FILE ${OUT}/${_t}.${_f} RESULT_VARIABLE _rc)
        if(NOT _rc EQUAL 0)
            message(FATAL_ERROR "sipcodes-lookup --export ${_f} ${_t} failed (${_rc})")
        endif()
    endforeach()
endforeach()
