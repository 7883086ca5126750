import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useId } from 'react';
import { CourseCard } from '~/components/courses/CourseCard';
import { callerFailure } from '~/lib/forms.server';
import { DIFFICULTIES, DIFFICULTY_LABEL, type Difficulty } from '~/lib/courses';
import coursesStylesUrl from '~/styles/courses.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: coursesStylesUrl }];

export const meta: MetaFunction = () => [{ title: 'Catalog · Aurora' }];

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

function queryOf(url: URL): CatalogQuery {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 200);
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
  try {
    const courses = await context.trpc.course.list({
      search: query.q || undefined,
      category: query.category || undefined,
      difficulty: query.difficulty || undefined,
      tag: query.tag || undefined,
      price: query.price || undefined,
      sort: query.sort,
      cursor: query.cursor || undefined,
      limit: PAGE_SIZE,
    });
    return { courses, query };
  } catch (error) {
    // A stale cursor from an old bookmark: start from the first page.
    if (query.cursor && callerFailure(error)?.code === 'BAD_REQUEST')
      throw redirect(hrefOf({ ...query, cursor: '' }));
    throw error;
  }
}

export default function CatalogPage() {
  const { courses, query } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/catalog';
  const filtered = Boolean(query.q || query.category || query.difficulty || query.tag || query.price);
  const categories = [...new Set(courses.items.map((course) => course.category).filter(Boolean))].sort();

  return (
    <div className="catalog container">
      <header className="page-header catalog__header">
        <p className="eyebrow">Catalog</p>
        <h1>Find your next course</h1>
        <p className="page-header__lead">
          Every published course on Aurora. Preview lessons are open to everyone — no account needed.
        </p>
      </header>

      <CatalogFilters key={hrefOf(query)} query={query} categories={categories} />

      <div className="catalog__results" aria-busy={searching || undefined}>
        <p className="catalog__count" role="status">
          {countSentence(courses.total, query)}
        </p>
        {courses.items.length > 0 ? (
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

function countSentence(total: number, query: CatalogQuery): string {
  const courses = `${total} ${total === 1 ? 'course' : 'courses'}`;
  return query.q ? `${courses} matching “${query.q}”` : `${courses}`;
}

/** A GET form: the URL holds the search, so results can be shared, bookmarked and reloaded. */
function CatalogFilters({ query, categories }: { query: CatalogQuery; categories: string[] }) {
  const id = useId();
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
          maxLength={200}
        />
      </div>
      <div className="catalog-filters__field">
        <label htmlFor={`${id}-category`} className="field__label">
          Category
        </label>
        <input
          id={`${id}-category`}
          name="category"
          className="input"
          defaultValue={query.category}
          list={`${id}-categories`}
          maxLength={100}
        />
        <datalist id={`${id}-categories`}>
          {categories.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
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
        <input id={`${id}-tag`} name="tag" className="input" defaultValue={query.tag} maxLength={50} />
      </div>
      <div className="catalog-filters__field">
        <label htmlFor={`${id}-price`} className="field__label">
          Price
        </label>
        <select id={`${id}-price`} name="price" className="input select" defaultValue={query.price}>
          <option value="">Free and paid</option>
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
      <div className="catalog-filters__buttons">
        <button type="submit" className="button button--primary">
          Search
        </button>
      </div>
    </Form>
  );
}
