/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "SIP reason variants" user table: rows that add to or replace the
 * built-in vendor variants without a rebuild. */
#include <wireshark.h>

#include <string.h>

#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/uat.h>

#include "sipcodes-uat.h"
#include "sipcodes-compat.h"

/* One desc_<lang> column per language of data/sets.tsv. */
#define DESC_MEMBER(id, ID, name, title) char *desc_##id;
typedef struct {
    char *code;
    char *phrase;
    char *category;
    SC_LANG_EACH(DESC_MEMBER)
} user_variant_t;

static const char *row_desc(const user_variant_t *r, unsigned lang)
{
#define DESC_CASE(id, ID, name, title) if (lang == SC_LANG_##ID) return r->desc_##id;
    SC_LANG_EACH(DESC_CASE)
    return NULL;
}

static user_variant_t *user_variants;
static guint n_user_variants;

/* Copies of the valid user rows, owned here, and the index built over them. */
static GPtrArray *index_rows;
static struct sc_variant_index *variant_index;
/* Set whenever the table changes. A file with a bad row still loads its
 * good rows, but then Wireshark skips the post-update callback. */
static gboolean index_stale = TRUE;

static void rebuild_index(void);

const struct sc_variant_index *sipcodes_variant_index(void)
{
    if (index_stale)
        rebuild_index();
    return variant_index;
}

static sipcodes_uat_bool user_variant_update(void *rec _U_, char **err _U_)
{
    index_stale = TRUE;
    return TRUE;
}

static void mark_stale(void)
{
    index_stale = TRUE;
}

/* The row's description in lang, else the first one filled in set order. */
static const char *desc_or_fallback(const user_variant_t *r, unsigned lang)
{
    const char *d = row_desc(r, lang);
    for (unsigned l = 0; (!d || !*d) && l < SC_LANG_COUNT; l++)
        d = row_desc(r, l);
    return d && *d ? d : "";
}

static void free_index_row(gpointer p)
{
    struct sc_variant *v = (struct sc_variant *)p;
    g_free((char *)v->phrase);
    for (int l = 0; l < SC_LANG_COUNT; l++)
        g_free((char *)v->desc[l]);
    g_free(v);
}

static void rebuild_index(void)
{
    if (index_rows)
        g_ptr_array_free(index_rows, TRUE);
    index_rows = g_ptr_array_new_with_free_func(free_index_row);
    for (guint i = 0; i < n_user_variants; i++) {
        const user_variant_t *r = &user_variants[i];
        unsigned code;
        enum sc_category category;
        if (!r->phrase || !*r->phrase || !sc_parse_uint(r->code, 100, 799, &code) || !r->category
            || !sc_category_parse(r->category, strlen(r->category), &category))
            continue;
        struct sc_variant *v = g_new0(struct sc_variant, 1);
        v->code = (uint16_t)code;
        v->phrase = g_strdup(r->phrase);
        v->category = category;
        for (unsigned l = 0; l < SC_LANG_COUNT; l++)
            v->desc[l] = g_strdup(desc_or_fallback(r, l));
        v->source = "user table";
        g_ptr_array_add(index_rows, v);
    }
    sc_variant_index_free(variant_index);
    variant_index = sc_variant_index_new((const struct sc_variant *const *)index_rows->pdata, index_rows->len);
    index_stale = FALSE;
}

static void *user_variant_copy(void *dest, const void *src, size_t len _U_)
{
    user_variant_t *d = (user_variant_t *)dest;
    const user_variant_t *s = (const user_variant_t *)src;
    d->code = g_strdup(s->code);
    d->phrase = g_strdup(s->phrase);
    d->category = g_strdup(s->category);
#define DESC_COPY(id, ID, name, title) d->desc_##id = g_strdup(s->desc_##id);
    SC_LANG_EACH(DESC_COPY)
    return d;
}

static void user_variant_free(void *rec)
{
    user_variant_t *r = (user_variant_t *)rec;
    g_free(r->code);
    g_free(r->phrase);
    g_free(r->category);
#define DESC_FREE(id, ID, name, title) g_free(r->desc_##id);
    SC_LANG_EACH(DESC_FREE)
}

/* Fields are set in column order, so the row's code and phrase are known
 * by the time a later column is checked: the message names the row. */
static gboolean check_field(const user_variant_t *row, enum sc_user_field field, const char *ptr, unsigned len, char **err)
{
    char msg[512];
    if (sc_user_field_check(field, ptr, len, msg, sizeof msg))
        return TRUE;
    if (field > SC_UF_PHRASE && row->phrase)
        *err = g_strdup_printf("row %s \"%s\": %s", row->code, row->phrase, msg);
    else if (field > SC_UF_CODE && row->code)
        *err = g_strdup_printf("row %s: %s", row->code, msg);
    else
        *err = g_strdup(msg);
    return FALSE;
}

#define USER_FIELD_CHECK(name, field) \
    static sipcodes_uat_bool chk_##name(void *r, const char *p, unsigned l, const void *u1 _U_, const void *u2 _U_, char **err) \
    { return check_field((const user_variant_t *)r, field, p, l, err); }

USER_FIELD_CHECK(code, SC_UF_CODE)
USER_FIELD_CHECK(phrase, SC_UF_PHRASE)
USER_FIELD_CHECK(category, SC_UF_CATEGORY)
#define DESC_CHECK(id, ID, name, title) USER_FIELD_CHECK(desc_##id, (enum sc_user_field)(SC_UF_DESC + SC_LANG_##ID))
SC_LANG_EACH(DESC_CHECK)

UAT_CSTRING_CB_DEF(user_variants, code, user_variant_t)
UAT_CSTRING_CB_DEF(user_variants, phrase, user_variant_t)
UAT_CSTRING_CB_DEF(user_variants, category, user_variant_t)
#define DESC_CB(id, ID, name, title) UAT_CSTRING_CB_DEF(user_variants, desc_##id, user_variant_t)
SC_LANG_EACH(DESC_CB)

/* Before tshark/Wireshark unload the plugin (else valgrind reports the
 * index as lost once the plugin's globals are unmapped). */
static void sipcodes_uat_shutdown(void)
{
    sc_variant_index_free(variant_index);
    variant_index = NULL;
    if (index_rows)
        g_ptr_array_free(index_rows, TRUE);
    index_rows = NULL;
    index_stale = TRUE;
}

void sipcodes_uat_register(int proto _U_, void *prefs_module)
{
    register_shutdown_routine(sipcodes_uat_shutdown);
    static uat_field_t fields[] = {
        UAT_FLD_CSTRING_OTHER(user_variants, code, "Code", chk_code, "SIP status code, 100-799"),
        UAT_FLD_CSTRING_OTHER(user_variants, phrase, "Phrase", chk_phrase, "Reason phrase as the server sends it"),
        UAT_FLD_CSTRING_OTHER(user_variants, category, "Category", chk_category,
                              "One of " SC_CATEGORY_LIST),
#define DESC_FIELD(id, ID, name, title) \
        UAT_FLD_CSTRING_OTHER(user_variants, desc_##id, "Meaning (" name ")", chk_desc_##id, "What it means, in " title),
        SC_LANG_EACH(DESC_FIELD)
        UAT_END_FIELDS
    };
    uat_t *uat = uat_new("SIP reason variants", sizeof(user_variant_t), "sipcodes_variants", TRUE,
                         &user_variants, &n_user_variants, UAT_AFFECTS_DISSECTION, NULL,
                         user_variant_copy, user_variant_update, user_variant_free, mark_stale, mark_stale, fields);
    prefs_register_uat_preference((module_t *)prefs_module, "variants", "SIP reason variants",
                                  "Reason phrases of your own servers; a row replaces a built-in variant with the same code and phrase",
                                  uat);
}
