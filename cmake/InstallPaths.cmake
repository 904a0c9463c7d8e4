# SPDX-License-Identifier: GPL-2.0-or-later
# Where the plugin and the CLI go. The plugin folder comes from the
# Wireshark built against: its own versioned name ("4.4" on Linux, "4-4" on
# macOS), from WiresharkConfig (Wireshark_PLUGIN_LIBDIR) or else
# pkg-config's wireshark.pc (plugindir).
# The configuration profile "sipcodes" (profile/sipcodes) and the exports
# (share/sipcodes) go with them.
#   default:                      ~/.local/lib/wireshark/plugins/<name>/epan, ~/.local/bin and
#                                 ~/.local/share/sipcodes (tshark run as root ignores the plugin
#                                 there); the profile into the personal profiles folder,
#                                 ~/.config/wireshark/profiles
#   -DSIPCODES_INSTALL_SYSTEM=ON: <prefix>/<Wireshark's plugin libdir>/epan, <prefix>/bin and
#                                 <prefix>/share/sipcodes; the profile into Wireshark's global
#                                 profiles folder <prefix>/share/wireshark/profiles, which
#                                 Wireshark and tshark -C copy into the personal folder when
#                                 it is chosen;
#                                 the prefix Wireshark's own unless CMAKE_INSTALL_PREFIX is
#                                 given; DESTDIR works as usual (what the .deb is made of)
set(SIPCODES_INSTALL_SYSTEM OFF CACHE BOOL "Install into Wireshark's system plugin folder instead of ~/.local")
include(GNUInstallDirs)
set(SIPCODES_WS_PLUGIN_LIBDIR "${Wireshark_PLUGIN_LIBDIR}")
if(NOT SIPCODES_WS_PLUGIN_LIBDIR)
    find_package(PkgConfig QUIET)
    if(PKG_CONFIG_FOUND)
        pkg_get_variable(_ws_plugindir wireshark plugindir)
        pkg_get_variable(_ws_prefix wireshark prefix)
        if(_ws_plugindir AND _ws_prefix)
            file(RELATIVE_PATH SIPCODES_WS_PLUGIN_LIBDIR "${_ws_prefix}" "${_ws_plugindir}")
        endif()
    endif()
endif()
if(NOT SIPCODES_WS_PLUGIN_LIBDIR)
    message(FATAL_ERROR "Wireshark ${Wireshark_VERSION} names no plugin folder (neither Wireshark_PLUGIN_LIBDIR "
        "in WiresharkConfig.cmake nor plugindir in wireshark.pc): was it built without plugin support?")
endif()
# The versioned folder name, e.g. 4.4; tests and the build tree use it too.
get_filename_component(SIPCODES_WS_VERSION "${SIPCODES_WS_PLUGIN_LIBDIR}" NAME)
if(SIPCODES_INSTALL_SYSTEM)
    if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT AND Wireshark_INSTALL_PREFIX)
        set(CMAKE_INSTALL_PREFIX "${Wireshark_INSTALL_PREFIX}" CACHE PATH "Install prefix" FORCE)
    endif()
    set(SIPCODES_PLUGIN_DIR "${SIPCODES_WS_PLUGIN_LIBDIR}/epan")
    set(SIPCODES_BIN_DIR "${CMAKE_INSTALL_BINDIR}")
    set(SIPCODES_SHARE_DIR "${CMAKE_INSTALL_DATADIR}/sipcodes")
    set(SIPCODES_PROFILES_DIR "${CMAKE_INSTALL_DATADIR}/wireshark/profiles")
else()
    set(SIPCODES_PLUGIN_DIR "$ENV{HOME}/.local/lib/wireshark/plugins/${SIPCODES_WS_VERSION}/epan")
    set(SIPCODES_BIN_DIR "$ENV{HOME}/.local/bin")
    set(SIPCODES_SHARE_DIR "$ENV{HOME}/.local/share/sipcodes")
    # Wireshark's personal configuration folder on Linux
    if(DEFINED ENV{XDG_CONFIG_HOME} AND NOT "$ENV{XDG_CONFIG_HOME}" STREQUAL "")
        set(SIPCODES_PROFILES_DIR "$ENV{XDG_CONFIG_HOME}/wireshark/profiles")
    else()
        set(SIPCODES_PROFILES_DIR "$ENV{HOME}/.config/wireshark/profiles")
    endif()
endif()
message(STATUS "sipcodes: plugin installs into ${SIPCODES_PLUGIN_DIR}")
message(STATUS "sipcodes: profile installs into ${SIPCODES_PROFILES_DIR}/sipcodes")
