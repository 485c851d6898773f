# bytedmd_instrument(TARGET t SOURCES a.cpp ... [FUNCTIONS f ...] [UNTRACKED n ...]
#                    [INSTRUMENT_HEADERS regex])
#
# Measures functions of an existing target: at build time each listed source
# is rewritten by bytedmd-instrument with the target's own include paths,
# defines and C++ standard, the rewritten file is compiled in its place, and
# the target links bytedmd::runtime. A source is rewritten again whenever it
# (or bytedmd-instrument) changes. FUNCTIONS limits the measured functions
# (default: every function defined in the sources except main); UNTRACKED
# names parameters (NAME or FUNCTION:NAME) that are not inputs.
# INSTRUMENT_HEADERS also rewrites the functions defined in the project's
# headers whose real path the regular expression finds; the sources include
# rewritten copies (with internal linkage, so the target's other files keep
# the plain ones). A source is rewritten again when any header it reads
# changes (a depfile).
#
# Runs the target bytedmd::instrument (from find_package(bytedmd), or from a
# build that includes bytedmd with add_subdirectory).
function(bytedmd_instrument)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;INSTRUMENT_HEADERS" "SOURCES;FUNCTIONS;UNTRACKED")
  if(NOT arg_TARGET OR NOT arg_SOURCES)
    message(FATAL_ERROR "bytedmd_instrument: TARGET and SOURCES are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bytedmd_instrument: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${arg_TARGET})
    message(FATAL_ERROR "bytedmd_instrument: ${arg_TARGET} is not a target")
  endif()
  if(NOT TARGET bytedmd::instrument)
    message(FATAL_ERROR "bytedmd_instrument: there is no bytedmd::instrument target; use find_package(bytedmd)")
  endif()
  set(tool "$<TARGET_FILE:bytedmd::instrument>")

  # One FUNCTIONS list for every source: each defines some of them.
  set(options "")
  if(arg_FUNCTIONS)
    list(APPEND options "--allow-missing-functions")
  endif()
  foreach(f IN LISTS arg_FUNCTIONS)
    list(APPEND options "--function=${f}")
  endforeach()
  foreach(p IN LISTS arg_UNTRACKED)
    list(APPEND options "--untracked=${p}")
  endforeach()
  if(arg_INSTRUMENT_HEADERS)
    list(APPEND options "--instrument-headers=${arg_INSTRUMENT_HEADERS}")
  endif()

  # The target's flags, as generator expressions: they hold whatever the
  # target ends up with, including properties set after this call.
  set(t ${arg_TARGET})
  set(includes "$<TARGET_PROPERTY:${t},INCLUDE_DIRECTORIES>")
  set(defines "$<TARGET_PROPERTY:${t},COMPILE_DEFINITIONS>")
  set(std "$<TARGET_PROPERTY:${t},CXX_STANDARD>")
  set(flags
    "$<$<BOOL:${includes}>:-I$<JOIN:${includes},$<SEMICOLON>-I>>"
    "$<$<BOOL:${defines}>:-D$<JOIN:${defines},$<SEMICOLON>-D>>"
    "$<IF:$<BOOL:${std}>,-std=c++${std},-std=c++17>")

  file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/bytedmd/${t}")
  get_target_property(sources ${t} SOURCES)
  foreach(source IN LISTS arg_SOURCES)
    get_filename_component(path "${source}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(dir "${path}" DIRECTORY)
    get_filename_component(name "${path}" NAME_WE)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/bytedmd/${t}/${name}.bytedmd.cpp")
    add_custom_command(
      OUTPUT "${out}"
      COMMAND "${tool}" "${path}" -o "${out}" "--dep-file=${out}.d"
              ${options} -- ${flags}
      DEPENDS "${path}" "${tool}"
      DEPFILE "${out}.d"
      COMMENT "bytedmd: instrumenting ${source}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    # The rewritten file's quoted includes still name the original's directory.
    set_source_files_properties("${out}" PROPERTIES INCLUDE_DIRECTORIES "${dir}")
    set(found FALSE)
    set(kept "")
    foreach(s IN LISTS sources)
      get_filename_component(spath "${s}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      if(spath STREQUAL path)
        set(found TRUE)
      else()
        list(APPEND kept "${s}")
      endif()
    endforeach()
    if(NOT found)
      message(FATAL_ERROR "bytedmd_instrument: ${source} is not a source of ${t}")
    endif()
    set(sources ${kept} "${out}")
  endforeach()
  set_property(TARGET ${t} PROPERTY SOURCES ${sources})
  target_link_libraries(${t} PRIVATE bytedmd::runtime)
endfunction()
