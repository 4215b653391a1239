/**
 * A framed section drawn like antd's small Card (panel.css), for the fill page and what it shows: antd Card
 * brings Tabs and Dropdown (about 13 KB gzip) that a plain frame with a title never uses.
 */
import type { CSSProperties, ReactNode } from 'react';
import './panel.css';

export function Panel(props: {
  title?: ReactNode;
  /** Shown at the right end of the title bar (e.g. a button). */
  extra?: ReactNode;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  const { title, extra, className, style, children } = props;
  return (
    <section className={className ? `panel ${className}` : 'panel'} style={style}>
      {title || extra ? (
        <div className="panel-head">
          <div className="panel-title">{title}</div>
          {extra ? <div className="panel-extra">{extra}</div> : null}
        </div>
      ) : null}
      <div className="panel-body">{children}</div>
    </section>
  );
}
