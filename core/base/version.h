/* version.h: the one version of warroom, printed by --version and carried
 * in JSON documents. A build may set it: make CPPFLAGS=-DWARROOM_VERSION=... */
#ifndef WR_VERSION_H
#define WR_VERSION_H

#ifndef WARROOM_VERSION
#define WARROOM_VERSION "0.1.0"
#endif

#endif
