/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-value.h"

struct _KdxEvent
{
  KdxRecord  parent_instance;

  char      *at;
  int        kind;
  char      *channel;
  char      *summary;
  int        outcome;
  char      *amount;
  char      *made_by;
};

G_DEFINE_FINAL_TYPE (KdxEvent, kdx_event, KDX_TYPE_RECORD)

static const KdxField event_fields[] = {
  { "at", KDX_FIELD_DATETIME, KDX_FIELD_FLAG_REQUIRED, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxEvent, at), N_("When") },
  { "kind", KDX_FIELD_ENUM, 0, KDX_FIELD_CHECK_NONE, kdx_event_kind_get_type,
    G_STRUCT_OFFSET (KdxEvent, kind), N_("Kind") },
  { "channel", KDX_FIELD_TEXT, 0, KDX_FIELD_CHECK_CHANNEL, NULL,
    G_STRUCT_OFFSET (KdxEvent, channel), N_("Channel") },
  { "summary", KDX_FIELD_TEXT, 0, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxEvent, summary), N_("Summary") },
  { "outcome", KDX_FIELD_ENUM, 0, KDX_FIELD_CHECK_NONE, kdx_outcome_get_type,
    G_STRUCT_OFFSET (KdxEvent, outcome), N_("Outcome") },
  /* In the KOL's currency: a payment, or what a gift was worth. */
  { "amount", KDX_FIELD_DECIMAL, 0, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxEvent, amount), N_("Amount") },
  /* Who logged it (schema 11): the store stamps the operator's name on
   * what it dates as new (kdx_store_stamp_made_by()); empty before. */
  { "made_by", KDX_FIELD_TEXT, KDX_FIELD_FLAG_READ_ONLY, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxEvent, made_by), N_("By") },
};

static void
kdx_event_class_init (KdxEventClass *klass)
{
  kdx_record_class_install_fields (KDX_RECORD_CLASS (klass),
                                   event_fields, G_N_ELEMENTS (event_fields));
}

static void
kdx_event_init (KdxEvent *self)
{
  /* An event is logged as it happens unless told otherwise. */
  self->at = kdx_value_now ();
  self->kind = KDX_EVENT_KIND_NOTE;
}

KdxEvent *
kdx_event_new (void)
{
  return g_object_new (KDX_TYPE_EVENT, NULL);
}

/* Who made it, or NULL when it was made before Koldex recorded names. */
const char *
kdx_event_get_made_by (KdxEvent *self)
{
  g_return_val_if_fail (KDX_IS_EVENT (self), NULL);
  return self->made_by;
}
