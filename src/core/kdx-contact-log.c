/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-contact-log"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-contact-log.h"
#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-value.h"

/* Logging a contact: the same timeline event on every KOL it was with,
 * and their next follow-up, in one transaction of the store, so a
 * selection of twenty is logged whole or not at all and one Undo puts
 * back all twenty files. */

KdxContactLog *
kdx_contact_log_new (KdxEventKind kind)
{
  KdxContactLog *log = g_new0 (KdxContactLog, 1);

  log->kind = kind;
  log->outcome = KDX_OUTCOME_NONE;
  log->follow_up = KDX_FOLLOW_UP_KEEP;
  return log;
}

void
kdx_contact_log_free (KdxContactLog *log)
{
  if (log == NULL)
    return;
  g_free (log->channel);
  g_free (log->amount);
  g_free (log->note);
  g_free (log->at);
  g_free (log->next_follow_up);
  g_free (log);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* The event every KOL of @log gets, its values checked and written the
 * store's way (a channel "微信" becomes "wechat", an amount "1,200" 1200),
 * or NULL with @error saying which value is wrong. */
static KdxEvent *
make_event (const KdxContactLog  *log,
            GError              **error)
{
  g_autoptr(KdxEvent) event = kdx_event_new ();
  gboolean valued = log->kind == KDX_EVENT_KIND_PAYMENT || log->kind == KDX_EVENT_KIND_GIFT;

  if ((int) log->kind < KDX_EVENT_KIND_OUTREACH || log->kind > KDX_EVENT_KIND_NOTE)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE, _("kind: not a kind of contact"));
      return NULL;
    }
  if (log->outcome != KDX_OUTCOME_NONE && log->kind != KDX_EVENT_KIND_OUTREACH)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("outcome: only outreach has an outcome"));
      return NULL;
    }
  if (has_text (log->amount) && !valued)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("amount: only a payment or a gift has an amount"));
      return NULL;
    }

  g_object_set (event, "kind", log->kind, "outcome", log->outcome, NULL);
  if (has_text (log->note))
    g_object_set (event, "summary", log->note, NULL);
  if ((has_text (log->at) && !kdx_record_set_from_string (KDX_RECORD (event), "at", log->at, error))
      || (has_text (log->channel)
          && !kdx_record_set_from_string (KDX_RECORD (event), "channel", log->channel, error))
      || (has_text (log->amount)
          && !kdx_record_set_from_string (KDX_RECORD (event), "amount", log->amount, error)))
    return NULL;

  return g_steal_pointer (&event);
}

/**
 * kdx_contact_log_check:
 *
 * Whether @log can be logged: its values fit their fields and each other
 * (an outcome for outreach only, an amount for payments and gifts only,
 * a date to follow up on). @error says which value is wrong and why.
 */
gboolean
kdx_contact_log_check (const KdxContactLog  *log,
                       GError              **error)
{
  g_autoptr(KdxEvent) event = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (log != NULL, FALSE);

  if ((event = make_event (log, error)) == NULL)
    return FALSE;
  if (log->follow_up == KDX_FOLLOW_UP_SET
      && (log->next_follow_up == NULL || (date = kdx_value_parse_date (log->next_follow_up)) == NULL))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("next_follow_up: “%s” is not a date (write it as YYYY-MM-DD)"),
                   log->next_follow_up != NULL ? log->next_follow_up : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const KdxContactLog *log;
  KdxEvent            *event;
  char                *next_follow_up;
} Apply;

static gboolean
log_on_kol (KdxKol    *kol,
            gpointer   user_data,
            GError   **error)
{
  Apply *apply = user_data;
  g_autoptr(KdxEvent) event = kdx_event_new ();

  kdx_record_assign (KDX_RECORD (event), KDX_RECORD (apply->event));
  g_list_store_append (kdx_kol_get_events (kol), event);

  switch (apply->log->follow_up)
    {
    case KDX_FOLLOW_UP_KEEP:
      break;
    case KDX_FOLLOW_UP_CLEAR:
      g_object_set (kol, "next-follow-up", NULL, NULL);
      break;
    case KDX_FOLLOW_UP_SET:
      g_object_set (kol, "next-follow-up", apply->next_follow_up, NULL);
      break;
    }
  return TRUE;
}

/**
 * kdx_contact_log_apply:
 * @ids: (element-type gint64): the KOLs the contact was with
 * @before_out: (out) (optional) (element-type KdxKol): their files as they
 *   were, for kdx_store_replace_kols(): how the contact is undone
 *
 * Adds @log's event to the timeline of each of @ids and sets their next
 * follow-up as @log says, in one transaction: every KOL, or, when a value
 * is wrong or an id unknown, none.
 */
gboolean
kdx_contact_log_apply (KdxStore             *store,
                       GArray               *ids,
                       const KdxContactLog  *log,
                       GPtrArray           **before_out,
                       GError              **error)
{
  g_autoptr(KdxEvent) event = NULL;
  g_autofree char *next_follow_up = NULL;
  Apply apply;

  g_return_val_if_fail (KDX_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (log != NULL, FALSE);

  if (!kdx_contact_log_check (log, error) || (event = make_event (log, error)) == NULL)
    return FALSE;
  if (log->follow_up == KDX_FOLLOW_UP_SET)
    next_follow_up = kdx_value_parse_date (log->next_follow_up);

  kdx_store_stamp_made_by (store, KDX_RECORD (event));
  apply.log = log;
  apply.event = event;
  apply.next_follow_up = next_follow_up;
  return kdx_store_edit_kols (store, ids, log_on_kol, &apply, before_out, error);
}

/**
 * kdx_contact_log_date_in:
 *
 * The date @days after @today, as the store writes dates: the quick
 * choices "in 3 days", "in a week" of the dialog and `--next +3d`.
 */
char *
kdx_contact_log_date_in (const GDate *today,
                         guint        days)
{
  GDate date = *today;

  g_date_add_days (&date, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

/**
 * kdx_contact_log_parse_next:
 *
 * A next follow-up as an operator writes it on the command line: a date
 * (2026-03-01, 2026/3/1), or "+3d", "+2w" from @today. NULL when @text is
 * none of these.
 */
char *
kdx_contact_log_parse_next (const char  *text,
                            const GDate *today)
{
  guint64 count;
  g_autofree char *number = NULL;
  gsize length;
  char unit;

  g_return_val_if_fail (text != NULL, NULL);

  length = strlen (text);
  if (text[0] != '+' || length < 3)
    return kdx_value_parse_date (text);

  unit = g_ascii_tolower (text[length - 1]);
  number = g_strndup (text + 1, length - 2);
  if ((unit != 'd' && unit != 'w')
      || !g_ascii_string_to_unsigned (number, 10, 0, 3650, &count, NULL))
    return NULL;
  return kdx_contact_log_date_in (today, unit == 'w' ? count * 7 : count);
}
