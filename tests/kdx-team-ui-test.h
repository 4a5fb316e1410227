/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-ui-test.h"
#include "kdx-test-pg.h"

G_BEGIN_DECLS

/* What the display tests of Preferences › Team Database share (run
 * inside tests/pg-server, on a display of their own): a window on a
 * database on this computer, and a new team database on the test
 * server to connect it to. */

typedef struct
{
  char           *dir;
  char           *local_path; /* the database on this computer */
  KdxStore       *local;
  KdxApplication *application;
  KdxWindow      *window;     /* the window the test works in now */
  char           *uri;        /* the team database, password included */
  char           *address;    /* the same without the password, as typed */
  char           *password;
} KdxTeamFixture;

void       kdx_team_fixture_set_up      (KdxTeamFixture *fixture,
                                         gconstpointer   data);
void       kdx_team_fixture_tear_down   (KdxTeamFixture *fixture,
                                         gconstpointer   data);
/* Preferences opened with Ctrl+comma, on the Team Database page. */
GtkWindow *kdx_team_open_page           (KdxTeamFixture *fixture);
/* Types @text into the row named @row_name of @window, emptied first. */
void       kdx_team_type_into           (GtkWindow      *window,
                                         const char     *row_name,
                                         const char     *text);
/* The team database's address and password typed, Connect clicked. */
void       kdx_team_connect_through_page (KdxTeamFixture *fixture);
/* Waits for a mapped window on the database shown as @path; returns it. */
KdxWindow *kdx_team_wait_for_window_on  (const char     *path);
/* A store of the test's own on @uri, as a second operator. */
KdxStore  *kdx_team_open_second_store   (const char     *uri);
/* Whether @window's connection banner shows; the banner's revealer. */
gboolean   kdx_team_banner_shown        (gpointer        window);
gboolean   kdx_team_banner_hidden       (gpointer        window);
GtkWidget *kdx_team_banner_revealer     (KdxWindow      *window);

/* Whether the KOL @id of the database at @uri has the city @city, read
 * on a fresh connection each time (the server may have just come back):
 * a condition for kdx_ui_wait_until(). */
typedef struct
{
  const char *uri;
  gint64      id;
  const char *city;
} KdxTeamStoredCity;
gboolean   kdx_team_city_stored         (gpointer        stored_city);

G_END_DECLS
