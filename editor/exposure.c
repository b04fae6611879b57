/* exposure.c -- practice exposure: printed practice papers, and what a new paper avoids. */
#include <stdlib.h>
#include <string.h>

#include "exposure.h"
#include "util.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int tk_exposure_has(char *const *ids, int n, const char *id)
{
	return n > 0 && bsearch(&id, ids, (size_t)n, sizeof *ids, cmp_str) != NULL;
}

int tk_exposure_avoid(struct tk_bank *b, struct tk_paper *const *papers, int n,
		      const char *since, char ***ids, int *nids, struct tk_error *err)
{
	int rc = TK_OK, i, j, k, m;

	*ids = NULL;
	*nids = 0;
	if (since && !tk_parse_date(since, NULL, NULL, NULL))
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "'%s' is not a date: write it YYYY-MM-DD (2026-12-07)", since);
	if (since && (rc = tk_bank_practice_since(b, since, ids, nids, err)) != TK_OK)
		return rc;
	for (i = 0; rc == TK_OK && i < n; i++)
		for (j = 0; rc == TK_OK && j < papers[i]->nsections; j++)
			for (k = 0; rc == TK_OK && k < papers[i]->sections[j].nitems; k++)
				if (!tk_item_strlist_add(ids, nids, papers[i]->sections[j].items[k]->id))
					rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (*nids > 1)
		qsort(*ids, (size_t)*nids, sizeof **ids, cmp_str);
	/* the same item on two papers, or printed and named: once */
	for (i = 0, m = 0; i < *nids; i++) {
		if (m > 0 && !strcmp((*ids)[m - 1], (*ids)[i])) {
			free((*ids)[i]);
			continue;
		}
		(*ids)[m++] = (*ids)[i];
	}
	*nids = m;
	return rc;
}

int tk_exposure_log_print(struct tk_bank *b, const struct tk_paper *p, const char *klass,
			  const char *date, int *added, struct tk_error *err)
{
	char today[11], **ids;
	int *versions, n = tk_paper_count(p), i, j, k = 0, rc;

	*added = 0;
	if (!p->practice)
		return TK_OK;
	if (date && !tk_parse_date(date, NULL, NULL, NULL))
		return tk_error_set(err, TK_EUSAGE, NULL, 0,
				    "'%s' is not a date: write it YYYY-MM-DD (2026-12-07)", date);
	if (date == NULL) {
		tk_today(today);
		date = today;
	}
	ids = calloc((size_t)n + 1, sizeof *ids);
	versions = calloc((size_t)n + 1, sizeof *versions);
	if (ids == NULL || versions == NULL) {
		free(ids);
		free(versions);
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	}
	for (i = 0; i < p->nsections; i++)
		for (j = 0; j < p->sections[i].nitems; j++) {
			ids[k] = p->sections[i].items[j]->id;
			versions[k++] = p->sections[i].items[j]->version;
		}
	rc = tk_bank_log_practice(b, p->id ? p->id : "", p->title, klass ? klass : "", date, ids,
				  versions, k, added, err);
	free(ids);
	free(versions);
	return rc;
}

int tk_exposure_print_begin(struct tk_bank *b, struct tk_paper *const *papers, int n,
			    const char *klass, const char *date, int *logged,
			    struct tk_error *err)
{
	int rc, i, added;

	*logged = 0;
	for (i = 0; i < n && !papers[i]->practice; i++)
		;
	if (i == n)
		return TK_OK;   /* nothing practice: no command, no lock */
	if ((rc = tk_bank_begin(b, "render", "printed practice papers", err)) != TK_OK)
		return rc;
	for (i = 0; i < n && rc == TK_OK; i++)
		if ((rc = tk_exposure_log_print(b, papers[i], klass, date, &added, err)) == TK_OK)
			*logged += added;
	if (rc != TK_OK) {
		tk_bank_rollback(b);
		*logged = 0;
	}
	return rc;
}
