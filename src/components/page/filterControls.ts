import {html} from "htl";
import {keepInLink, readFormLink, unheldNumbers} from "../browser/formLink.js";
import {RECOMMEND_NUMBER_FIELDS, recommendLink} from "../browser/recommendLink.js";
import type {DatasetSummary, RatedMovie} from "../movielens/datasetArtifacts.js";
import {recommendFilters} from "../model/recommendFilters.js";
import type {Filters} from "../model/recommendFilters.js";
import {CopyLink} from "../ui/CopyLink.js";
import {Note} from "../ui/Note.js";
import {withValue} from "../ui/withValue.js";
import {FilterForm, FilterNotes} from "./recommendViews.js";
import type {FilterFields} from "./recommendViews.js";

/** The Recommendations page's filters (filterControls): the form, and what the page's link held and keeps. */
export interface FilterControls {
  /** The filters' form. */
  form: HTMLElement & {value: FilterFields};
  /**
   * The form with its notes under it (Notes), to `view`: its value is the filters read (recommendFilters), with the
   * fields as typed (`fields`), at every keystroke.
   */
  field: HTMLElement & {value: Filters & {fields: FilterFields}};
  /** The link's values: the filters', and the ranking and popularity the controls below start from. */
  linked: Record<string, unknown>;
  /**
   * The notes on the filters: what the link held wrongly, how the `filters` were read, and a link made on another
   * dataset; always an element, so that notes about an earlier state go when it is fixed.
   */
  Notes(filters: Pick<Filters, "notes">): HTMLElement;
  /**
   * Keeps the list in the page's link (the filters as typed, the `ranking` and `popularity` in use, the dataset; a
   * control the page does not show, undefined here, keeps the link's value) and offers to copy it.
   */
  CopyList(fields: FilterFields, shown: {ranking?: unknown; popularity?: unknown}): HTMLElement;
}

/**
 * The Recommendations page's filters on the dataset's `movies`, starting from the page's link (`search`: a shared
 * list) where it has them. A number field cannot hold text that is not a number: the browser empties it, and the
 * link's value is refused in words.
 */
export function filterControls(
  movies: readonly RatedMovie[],
  {
    summary,
    search = globalThis.location?.search ?? ""
  }: {summary: Pick<DatasetSummary, "catalogue" | "dataset">; search?: string}
): FilterControls {
  const genres = [...new Set(movies.flatMap((m) => m.genres))].sort();
  const LINK = recommendLink(genres);
  const {values: linked, refused} = readFormLink(new URLSearchParams(search), LINK);
  const form = FilterForm(genres, movies, linked as Partial<FilterFields>);
  Object.assign(refused, unheldNumbers(LINK, RECOMMEND_NUMBER_FIELDS, linked, {...form.value}));
  const elsewhere = linked.data !== undefined && linked.data !== summary.catalogue;
  const Notes = (filters: Pick<Filters, "notes">) => {
    const notes = FilterNotes(refused, filters.notes);
    if (elsewhere)
      notes.append(
        Note(`This link was made on another dataset: its filters are applied here, to ${summary.dataset.name}.`)
      );
    return notes;
  };
  const read = () => ({...recommendFilters(form.value, movies), fields: form.value});
  const notes = document.createElement("div");
  const field = html`<div class="filter-field">${form}${notes}</div>`;
  // The form's input events bubble here, where Framework's view listens: the notes follow first.
  const follow = () => notes.replaceChildren(Notes(read()));
  field.addEventListener("input", follow);
  follow();
  return {
    form,
    field: withValue(field, read),
    linked,
    Notes,
    CopyList(fields, {ranking, popularity}) {
      keepInLink(LINK, {
        ...fields,
        ranking: ranking ?? linked.ranking,
        popularity: popularity ?? linked.popularity,
        data: summary.catalogue
      });
      return CopyLink({label: "Copy link to this list", what: "this list's filters and ranking"});
    }
  };
}
