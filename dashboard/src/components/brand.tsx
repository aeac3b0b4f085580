/** The product's mark and name, with the page's subtitle: the same on the sign-in page and the dashboard. */
export function Brand({ subtitle }: { subtitle: string }) {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        MG
      </span>
      <div>
        <div className="brand-name">Mitra Graph</div>
        <div className="brand-sub">{subtitle}</div>
      </div>
    </div>
  );
}
