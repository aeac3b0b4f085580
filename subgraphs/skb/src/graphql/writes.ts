/** The capability that the skb mutations wait for. */
export const PARTNER_WRITES = 'partner writes (issue "Partners write their own data")';
