import { SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';

/** The free-text box of an admin list's search form (a GET form around it gives results a URL). */
export function SearchField({
  id,
  name,
  label,
  defaultValue,
  placeholder,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  placeholder?: string;
}) {
  return (
    <div className="user-filters__field user-filters__field--grow">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        type="search"
        name={name}
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="input"
        maxLength={SEARCH_MAX_LENGTH}
        autoComplete="off"
      />
    </div>
  );
}
