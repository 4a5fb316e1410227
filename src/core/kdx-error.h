/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KDX_ERROR (kdx_error_quark ())

typedef enum
{
  KDX_ERROR_INVALID_VALUE,   /* a value that does not fit its field */
  KDX_ERROR_UNKNOWN_FIELD,   /* a field name not in shared/FIELDS.md */
  KDX_ERROR_READ_ONLY_FIELD, /* a field only the store may write */
  KDX_ERROR_NOT_FOUND,       /* no KOL with that id */
  KDX_ERROR_DATABASE,        /* SQLite failed */
  KDX_ERROR_NOT_A_DATABASE,  /* the file is not a Koldex database */
  KDX_ERROR_NEWER_SCHEMA,    /* written by a newer Koldex */
  KDX_ERROR_FOLDER,          /* the database folder is missing or not writable */
  KDX_ERROR_UNREADABLE_FILE, /* not a spreadsheet Koldex reads, or damaged */
  KDX_ERROR_FILE_LIMIT,      /* a spreadsheet beyond a size limit (rows, cell, unpacked size) */
  KDX_ERROR_INVALID_XML,     /* a Koldex XML file that is malformed, invalid or unsafe */
  KDX_ERROR_BUSY,            /* writes wait while an import writes through another connection */
  KDX_ERROR_DAMAGED,         /* the database file is damaged: nothing is written, restore a backup */
  KDX_ERROR_CONFLICT,        /* another writer changed the same fields of a KOL since it was read */
  KDX_ERROR_NOT_EMPTY,       /* a copy's destination already holds KOLs, imports or views */
  KDX_ERROR_READ_ONLY,       /* the connection may read but not write (a SELECT-only role, a read-only file) */
  KDX_ERROR_CONNECTION_LOST, /* the team database's server went away: the store reconnects */
} KdxError;

GQuark kdx_error_quark (void);

G_END_DECLS
