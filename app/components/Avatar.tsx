import { initialsOf } from '~/lib/initials';

type Size = 'sm' | 'md' | 'lg' | 'xl';

const PIXELS: Record<Size, number> = { sm: 32, md: 36, lg: 48, xl: 96 };

/**
 * A person's picture, or their initials on Aurora's gradient when they have none.
 * Decorative by default: the name is always written next to it.
 */
export function Avatar({
  name,
  url,
  size = 'md',
  alt = '',
}: {
  name: string;
  url: string | null | undefined;
  size?: Size;
  alt?: string;
}) {
  const pixels = PIXELS[size];
  if (url) {
    return (
      <img
        className={`avatar avatar--${size} avatar--image`}
        src={url}
        alt={alt}
        width={pixels}
        height={pixels}
        decoding="async"
      />
    );
  }
  return (
    <span
      className={`avatar avatar--${size}`}
      aria-hidden={alt ? undefined : true}
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
    >
      {initialsOf(name)}
    </span>
  );
}
