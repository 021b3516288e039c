export function ownPeakRssKb(): number;
