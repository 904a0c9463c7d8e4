# SPDX-License-Identifier: GPL-2.0-or-later
# data/*.tsv -> sc_tables.c and sc_sets.h, and the libraries built from them.
add_library(sipcodes_text STATIC ${SIPCODES_TEXT_SOURCES})
target_include_directories(sipcodes_text PUBLIC ${PROJECT_SOURCE_DIR}/plugin/core)
set_target_properties(sipcodes_text PROPERTIES C_VISIBILITY_PRESET hidden)

# The data/ loader and checks (generator, its fuzz target, the benchmark).
add_library(sipcodes_data STATIC ${SIPCODES_GEN_SOURCES})
target_include_directories(sipcodes_data PUBLIC ${PROJECT_SOURCE_DIR}/plugin/gen)
target_link_libraries(sipcodes_data PUBLIC sipcodes_text)

set(SIPCODES_DATA_DIR "${PROJECT_SOURCE_DIR}/data" CACHE PATH "Folder of the TSV tables")
set(SIPCODES_GEN_DIR "${PROJECT_BINARY_DIR}/generated")
set(SIPCODES_DATA_FILES)
foreach(table ${SIPCODES_TABLES})
    list(APPEND SIPCODES_DATA_FILES "${SIPCODES_DATA_DIR}/${table}.tsv")
endforeach()
foreach(table ${SIPCODES_OPTIONAL_TABLES})
    if(EXISTS "${SIPCODES_DATA_DIR}/${table}.tsv")
        list(APPEND SIPCODES_DATA_FILES "${SIPCODES_DATA_DIR}/${table}.tsv")
    endif()
endforeach()
add_executable(sipcodes_gen plugin/gen/sipcodes_gen.c)
target_link_libraries(sipcodes_gen PRIVATE sipcodes_data)
add_custom_command(
    OUTPUT ${SIPCODES_GEN_DIR}/sc_tables.c ${SIPCODES_GEN_DIR}/sc_sets.h
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SIPCODES_GEN_DIR}
    COMMAND sipcodes_gen ${SIPCODES_DATA_DIR} ${SIPCODES_GEN_DIR}/sc_tables.c ${SIPCODES_GEN_DIR}/sc_sets.h
    DEPENDS sipcodes_gen ${SIPCODES_DATA_FILES}
    COMMENT "Generating sipcodes tables from data/"
    VERBATIM)

# The pure-C core: no Wireshark headers. Compiled once, linked by the
# plugin, the CLI, the tests and the fuzz targets.
add_library(sipcodes_core STATIC ${SIPCODES_CORE_SOURCES} ${SIPCODES_GEN_DIR}/sc_tables.c ${SIPCODES_GEN_DIR}/sc_sets.h)
target_include_directories(sipcodes_core PUBLIC ${PROJECT_SOURCE_DIR}/plugin/core ${SIPCODES_GEN_DIR})
target_link_libraries(sipcodes_core PUBLIC sipcodes_text)
set_target_properties(sipcodes_core PROPERTIES C_VISIBILITY_PRESET hidden)
if(SIPCODES_FUZZ)
    target_compile_options(sipcodes_core PRIVATE -fsanitize=fuzzer-no-link)
    target_compile_options(sipcodes_text PRIVATE -fsanitize=fuzzer-no-link)
    target_compile_options(sipcodes_data PRIVATE -fsanitize=fuzzer-no-link)
endif()
if(SIPCODES_COVERAGE)
    foreach(lib sipcodes_core sipcodes_text sipcodes_data)
        target_compile_options(${lib} PRIVATE -fprofile-instr-generate -fcoverage-mapping)
    endforeach()
endif()
