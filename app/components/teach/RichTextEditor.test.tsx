import { fireEvent, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeHtml, RichTextEditor, safeLinkUrl } from './RichTextEditor';

function editor() {
  return <RichTextEditor id="content" name="content" label="Lesson notes" defaultValue="<p>Hello</p>" />;
}

describe('RichTextEditor', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('without JavaScript is a plain, labelled HTML textarea that posts as `content`', () => {
    const html = renderToString(editor());
    expect(html).toContain('<textarea');
    expect(html).toContain('name="content"');
    expect(html).not.toContain('role="toolbar"');
    expect(html).not.toMatch(/<textarea[^>]*hidden/);
  });

  it('with JavaScript shows a toolbar of labelled toggle buttons over an editable area', () => {
    const { container } = render(editor());
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    for (const name of [
      'Heading',
      'Subheading',
      'Bold',
      'Italic',
      'Link',
      'Inline code',
      'Bulleted list',
      'Numbered list',
      'Quote',
      'Code block',
      'Image by URL',
    ]) {
      const button = screen.getByRole('button', { name });
      expect(toolbar).toContainElement(button);
      expect(button).toHaveAttribute('aria-pressed', 'false');
    }
    const area = screen.getByRole('textbox', { name: 'Lesson notes' });
    expect(area).toHaveAttribute('contenteditable', 'true');
    expect(area.innerHTML).toBe('<p>Hello</p>');
    const source = container.querySelector('textarea[name="content"]');
    expect(source).not.toBeVisible();
  });

  it('writes the edited HTML into the hidden textarea on input', () => {
    const { container } = render(editor());
    const area = screen.getByRole('textbox', { name: 'Lesson notes' });
    area.innerHTML = '<h2>Cells</h2><p>All living things…</p>';
    fireEvent.input(area);
    expect(container.querySelector('textarea')).toHaveValue('<h2>Cells</h2><p>All living things…</p>');
  });

  it('runs the formatting commands from the toolbar and from Ctrl+B / Ctrl+I / Ctrl+K', () => {
    const exec = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    vi.spyOn(window, 'prompt').mockReturnValue('https://example.org');
    render(editor());
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }));
    expect(exec).toHaveBeenLastCalledWith('bold');
    fireEvent.click(screen.getByRole('button', { name: 'Numbered list' }));
    expect(exec).toHaveBeenLastCalledWith('insertOrderedList');
    const area = screen.getByRole('textbox', { name: 'Lesson notes' });
    fireEvent.keyDown(area, { key: 'i', ctrlKey: true });
    expect(exec).toHaveBeenLastCalledWith('italic');
    fireEvent.keyDown(area, { key: 'k', ctrlKey: true });
    expect(exec).toHaveBeenLastCalledWith('createLink', false, 'https://example.org');
  });

  it('switches to HTML editing and back, keeping the content', () => {
    const { container } = render(editor());
    fireEvent.click(screen.getByRole('button', { name: 'Edit HTML' }));
    const source = container.querySelector('textarea');
    expect(source).toBeVisible();
    expect(screen.queryByRole('toolbar')).toBeNull();
    fireEvent.change(source as HTMLTextAreaElement, { target: { value: '<p>Changed</p>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Edit HTML' }));
    expect(screen.getByRole('textbox', { name: 'Lesson notes' }).innerHTML).toBe('<p>Changed</p>');
  });

  it('accepts only web and mail links', () => {
    expect(safeLinkUrl('https://aurora.test/x')).toBe('https://aurora.test/x');
    expect(safeLinkUrl('example.org/page')).toBe('https://example.org/page');
    expect(safeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(safeLinkUrl('data:text/html,hi')).toBeNull();
    expect(safeLinkUrl('//evil.test')).toBeNull();
    expect(safeLinkUrl('/files/lessons/x')).toBeNull();
  });

  it('saves the semantic tags the server keeps: <strong>, <em> and <p>', () => {
    expect(normalizeHtml('<div>One <b>bold</b> and <i>slanted <b>both</b></i></div><p>ok</p>')).toBe(
      '<p>One <strong>bold</strong> and <em>slanted <strong>both</strong></em></p><p>ok</p>',
    );
  });
});
