import {
  data,
  redirect,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useId, useRef } from 'react';
import { CourseCard } from '~/components/courses/CourseCard';
import { COURSE_LIMITS, DIFFICULTIES, SEARCH_MAX_LENGTH, type Difficulty } from '../../shared/fields/limits';
import { hasIgnoredWords, SEARCH_MIN_WORD_LENGTH } from '../../shared/fields/search-words';
import { DIFFICULTY_LABEL } from '~/lib/courses';
import { callerFailure } from '~/lib/forms.server';
import coursesStylesUrl from '~/styles/courses.css?url';
import { countOf, type ListTotal } from '~/lib/list-total';
import { shareWithVisitors } from '~/lib/visitor-cache.server';
import { SCRIPTS_FOR_SIGNED_IN_ONLY } from '~/lib/page-scripts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: coursesStylesUrl }];

export const meta: MetaFunction = () => [{ title: 'Catalog · Aurora' }];

/** Links and a GET form only: a visitor's catalog needs no JavaScript, so it sends none. */
export const handle = SCRIPTS_FOR_SIGNED_IN_ONLY;

const PAGE_SIZE = 12;

interface CatalogQuery {
  q: string;
  category: string;
  difficulty: Difficulty | '';
  tag: string;
  price: 'free' | 'paid' | '';
  sort: 'newest' | 'title';
  cursor: string;
}

/** The catalog's text fields (category: a select of those in use); `course.list`'s schema holds their rules. */
type TextField = 'q' | 'category' | 'tag';
type CatalogProblems = Partial<Record<TextField, string>>;
const FIELD_OF_INPUT: Record<string, TextField> = { search: 'q', category: 'category', tag: 'tag' };
/** The inputs' sizes are the fields' own limits; a longer value still gets a clear message from `course.list`. */
const MAX_LENGTH: Record<TextField, number> = {
  q: SEARCH_MAX_LENGTH,
  category: COURSE_LIMITS.category,
  tag: COURSE_LIMITS.tag,
};

/** Unknown choices (an old link's level or sort) are dropped: the form cannot produce them. */
function queryOf(url: URL): CatalogQuery {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim();
  const difficulty = get('difficulty');
  const price = get('price');
  return {
    q: get('q'),
    category: get('category'),
    difficulty: (DIFFICULTIES as readonly string[]).includes(difficulty) ? (difficulty as Difficulty) : '',
    tag: get('tag'),
    price: price === 'free' || price === 'paid' ? price : '',
    sort: get('sort') === 'title' ? 'title' : 'newest',
    cursor: get('cursor'),
  };
}

function hrefOf(query: CatalogQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value && !(name === 'sort' && value === 'newest')) params.set(name, value);
  }
  const search = params.toString();
  return search ? `/catalog?${search}` : '/catalog';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = queryOf(new URL(request.url));
  // The categories in use fill the Category select; read beside the page, not after it.
  const categories = context.trpc.course.categories();
  // Visitors all see the same catalog: theirs is served from the shared page cache.
  shareWithVisitors(context);
  try {
    // `course.list` matches the usual cases itself; the listed spelling covers any other.
    const category = query.category
      ? selectedCategory(query.category, await categories.catch(() => []))
      : undefined;
    // The procedure's own schema judges the filters: the page and the API cannot disagree.
    const courses = await context.trpc.course.list({
      search: query.q || undefined,
      category,
      difficulty: query.difficulty || undefined,
      tag: query.tag || undefined,
      price: query.price || undefined,
      sort: query.sort,
      cursor: query.cursor || undefined,
      limit: PAGE_SIZE,
    });
    return data({ courses, query, problems: {} as CatalogProblems, categories: await categories });
  } catch (error) {
    // Settled either way, so a refused page leaves no rejection unhandled.
    await categories.catch(() => undefined);
    const failure = callerFailure(error, ['search', 'category', 'tag', 'cursor']);
    if (failure?.code !== 'BAD_REQUEST') throw error;
    // A stale or malformed cursor from an old bookmark: start from the first page.
    if (query.cursor && (failure.fieldErrors.cursor || Object.keys(failure.fieldErrors).length === 0))
      throw redirect(hrefOf({ ...query, cursor: '' }));
    // The filters as typed, each problem beside its field, and no results: a 400, not an error page.
    const problems: CatalogProblems = {};
    for (const [input, message] of Object.entries(failure.fieldErrors)) {
      const field = FIELD_OF_INPUT[input];
      if (field && message) problems[field] = message;
    }
    if (Object.keys(problems).length === 0) problems.q = failure.message;
    const courses = { items: [], nextCursor: null, total: 0, totalCapped: false };
    return data({ courses, query, problems, categories: await categories }, 400);
  }
}

export default function CatalogPage() {
  const { courses, query, problems, categories } = useLoaderData<typeof loader>();
  const hasProblems = Object.keys(problems).length > 0;
  const navigation = useNavigation();
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/catalog';
  const filtered = Boolean(query.q || query.category || query.difficulty || query.tag || query.price);

  return (
    <div className="catalog container">
      <header className="page-header catalog__header">
        <p className="eyebrow">Catalog</p>
        <h1>Find your next course</h1>
        <p className="page-header__lead">
          Every published course on Aurora. Preview lessons are open to everyone — no account needed.
        </p>
      </header>

      <CatalogFilters key={hrefOf(query)} query={query} categories={categories} problems={problems} />

      <div className="catalog__results" aria-busy={searching || undefined}>
        <p className="catalog__count" role="status">
          {hasProblems ? 'Check the filters above to see courses.' : countSentence(courses, query)}
        </p>
        {hasProblems ? null : courses.items.length > 0 ? (
          <ul className="course-grid">
            {courses.items.map((course) => (
              <li key={course.id}>
                <CourseCard course={course} />
              </li>
            ))}
          </ul>
        ) : filtered ? (
          <div className="empty-panel">
            <h2>No courses match</h2>
            <p>Try fewer words, another level, or clear the filters to see everything.</p>
            <Link to="/catalog" className="button button--secondary">
              Clear filters
            </Link>
          </div>
        ) : (
          <div className="empty-panel">
            <h2>No courses yet</h2>
            <p>Your teachers are still writing. Published courses appear here as soon as they’re ready.</p>
            <Link to="/" className="button button--secondary">
              Back to home
            </Link>
          </div>
        )}
      </div>

      {query.cursor || courses.nextCursor ? (
        <nav className="pager" aria-label="More courses">
          {query.cursor ? (
            <Link to={hrefOf({ ...query, cursor: '' })} className="button button--quiet">
              Back to the first courses
            </Link>
          ) : null}
          {courses.nextCursor ? (
            <Link to={hrefOf({ ...query, cursor: courses.nextCursor })} className="button button--secondary">
              More courses
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function countSentence(list: ListTotal, query: CatalogQuery): string {
  const courses = countOf(list, 'course', 'courses');
  return query.q ? `${courses} matching “${query.q}”` : `${courses}`;
}

/** The category as the select shows it: the listed spelling of the same category, if any. */
function selectedCategory(category: string, categories: readonly CategoryOption[]): string {
  const key = category.normalize('NFKC').trim().toLowerCase();
  return (
    categories.find((option) => option.name.normalize('NFKC').trim().toLowerCase() === key)?.name ?? category
  );
}

interface CategoryOption {
  name: string;
  count: number;
}

/** Wide enough that the filters sit in one row beside the results' width (courses.css). */
const WIDE_FILTERS = '(min-width: 48rem)';

/**
 * A GET form: the URL holds the search, so results can be shared, bookmarked and reloaded.
 * On a phone the filters other than the search fold into a "Filters (n)" disclosure (a
 * `<details>`, so no JavaScript is needed), open whenever one of them has a problem; from
 * 48rem up courses.css shows them unfolded.
 */
function CatalogFilters({
  query,
  categories,
  problems,
}: {
  query: CatalogQuery;
  categories: readonly CategoryOption[];
  problems: CatalogProblems;
}) {
  const id = useId();
  const more = useRef<HTMLDetailsElement>(null);
  const active = [query.category, query.difficulty, query.tag, query.price].filter(Boolean).length;
  const category = selectedCategory(query.category, categories);
  const listed = categories.some((option) => option.name === category);
  const hasProblems = Boolean(problems.category || problems.tag);

  // Browsers without ::details-content cannot unfold a closed <details> from CSS: open it on wide screens.
  useEffect(() => {
    const details = more.current;
    if (!details || CSS.supports('selector(::details-content)')) return;
    if (window.matchMedia(WIDE_FILTERS).matches) details.open = true;
  }, []);

  const invalid = (field: TextField) =>
    problems[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {};
  const problem = (field: TextField) =>
    problems[field] ? (
      <p id={`${id}-${field}-error`} className="field__error">
        {problems[field]}
      </p>
    ) : null;
  return (
    <Form method="get" action="/catalog" role="search" aria-label="Courses" className="catalog-filters">
      <div className="catalog-filters__search">
        <label htmlFor={`${id}-q`} className="field__label">
          Search
        </label>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          className="input"
          defaultValue={query.q}
          placeholder="Title, topic or tag"
          maxLength={MAX_LENGTH.q}
          {...invalid('q')}
        />
        {problem('q')}
        {hasIgnoredWords(query.q) ? (
          <p className="field__hint">
            Words under {SEARCH_MIN_WORD_LENGTH} letters and very common words (“the”, “of”) are not searched.
          </p>
        ) : null}
      </div>
      <div className="catalog-filters__buttons">
        <button type="submit" className="button button--primary">
          Search
        </button>
      </div>
      <details ref={more} className="catalog-filters__more" open={hasProblems || undefined}>
        <summary className="catalog-filters__toggle">
          <FilterIcon />
          Filters{active > 0 ? ` (${active})` : ''}
        </summary>
        <div className="catalog-filters__fields">
          <div className="catalog-filters__field">
            <label htmlFor={`${id}-category`} className="field__label">
              Category
            </label>
            <select
              id={`${id}-category`}
              name="category"
              className="input select"
              defaultValue={category}
              {...invalid('category')}
            >
              <option value="">Any category</option>
              {categories.map((option) => (
                <option key={option.name} value={option.name}>
                  {option.name} ({option.count})
                </option>
              ))}
              {category && !listed ? <option value={category}>{category}</option> : null}
            </select>
            {problem('category')}
          </div>
          <div className="catalog-filters__field">
            <label htmlFor={`${id}-difficulty`} className="field__label">
              Level
            </label>
            <select
              id={`${id}-difficulty`}
              name="difficulty"
              className="input select"
              defaultValue={query.difficulty}
            >
              <option value="">Any level</option>
              {DIFFICULTIES.map((level) => (
                <option key={level} value={level}>
                  {DIFFICULTY_LABEL[level]}
                </option>
              ))}
            </select>
          </div>
          <div className="catalog-filters__field">
            <label htmlFor={`${id}-tag`} className="field__label">
              Tag
            </label>
            <input
              id={`${id}-tag`}
              name="tag"
              className="input"
              defaultValue={query.tag}
              maxLength={MAX_LENGTH.tag}
              {...invalid('tag')}
            />
            {problem('tag')}
          </div>
          <div className="catalog-filters__field">
            <label htmlFor={`${id}-price`} className="field__label">
              Price
            </label>
            <select id={`${id}-price`} name="price" className="input select" defaultValue={query.price}>
              <option value="">Any price</option>
              <option value="free">Free</option>
              <option value="paid">Paid</option>
            </select>
          </div>
          <div className="catalog-filters__field">
            <label htmlFor={`${id}-sort`} className="field__label">
              Sort by
            </label>
            <select id={`${id}-sort`} name="sort" className="input select" defaultValue={query.sort}>
              <option value="newest">Newest</option>
              <option value="title">Title (A–Z)</option>
            </select>
          </div>
        </div>
      </details>
    </Form>
  );
}

function FilterIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="icon">
      <path d="M2 4h12M4.5 8h7M7 12h2" />
    </svg>
  );
}
