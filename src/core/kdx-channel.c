/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-channel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-channel.h"

struct _KdxChannel
{
  KdxRecord  parent_instance;

  char      *platform;
  char      *handle;
  char      *url;
  gint64     followers;
  gint64     rank;
  gint64     activity;
  char      *checked_on;
};

G_DEFINE_FINAL_TYPE (KdxChannel, kdx_channel, KDX_TYPE_RECORD)

#define F(name, type, flags, check, label) \
  { #name, KDX_FIELD_##type, flags, KDX_FIELD_CHECK_##check, NULL, G_STRUCT_OFFSET (KdxChannel, name), label }

static const KdxField channel_fields[] = {
  F (platform, TEXT, KDX_FIELD_FLAG_REQUIRED, PLATFORM, N_("Platform")),
  F (handle, TEXT, 0, NONE, N_("Handle")),
  F (url, TEXT, 0, NONE, N_("Link")),
  F (followers, INT, 0, COUNT, N_("Followers")),
  F (rank, INT, 0, COUNT, N_("Rank")),
  F (activity, INT, 0, SCORE, N_("Activity")),
  F (checked_on, DATE, 0, NONE, N_("Last checked")),
};

#undef F

static void
kdx_channel_class_init (KdxChannelClass *klass)
{
  kdx_record_class_install_fields (KDX_RECORD_CLASS (klass),
                                   channel_fields, G_N_ELEMENTS (channel_fields));
}

static void
kdx_channel_init (KdxChannel *self)
{
}

KdxChannel *
kdx_channel_new (void)
{
  return g_object_new (KDX_TYPE_CHANNEL, NULL);
}
