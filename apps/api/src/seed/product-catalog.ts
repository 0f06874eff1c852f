/** A product of the demo catalog (prices in cents). */
export interface SeedProduct {
  externalId: string;
  sku: string;
  name: string;
  category: string;
  brand: string;
  price: number;
}

type Row = [sku: string, name: string, category: string, brand: string, price: number];

const rows: Row[] = [
  ['IPH-15', 'iPhone 15', 'Phones', 'Apple', 79900],
  ['IPH-15-PRO', 'iPhone 15 Pro', 'Phones', 'Apple', 99900],
  ['GAL-S24', 'Galaxy S24', 'Phones', 'Samsung', 79999],
  ['PIX-8', 'Pixel 8', 'Phones', 'Google', 69900],
  ['NTH-2', 'Phone (2)', 'Phones', 'Nothing', 59900],
  ['APP-PRO2', 'AirPods Pro (2nd gen)', 'Audio', 'Apple', 24900],
  ['APP-MAX', 'AirPods Max', 'Audio', 'Apple', 54900],
  ['SNY-XM5', 'WH-1000XM5 Headphones', 'Audio', 'Sony', 39900],
  ['BOS-QC', 'QuietComfort Earbuds', 'Audio', 'Bose', 27900],
  ['JBL-FLIP6', 'Flip 6 Speaker', 'Audio', 'JBL', 12999],
  ['APL-MSF', 'MagSafe Charger', 'Accessories', 'Apple', 3900],
  ['ANK-USBC', 'USB-C Cable 2m', 'Accessories', 'Anker', 1599],
  ['ANK-PB10', 'Power Bank 10000mAh', 'Accessories', 'Anker', 2999],
  ['OTB-CASE', 'Defender Case', 'Accessories', 'OtterBox', 4995],
  ['SPG-GLS', 'Glass Screen Protector', 'Accessories', 'Spigen', 1299],
  ['APL-WCH9', 'Apple Watch Series 9', 'Wearables', 'Apple', 39900],
  ['GRM-FR265', 'Forerunner 265', 'Wearables', 'Garmin', 44999],
  ['FIT-CH6', 'Charge 6', 'Wearables', 'Fitbit', 15995],
  ['MBA-13', 'MacBook Air 13"', 'Laptops', 'Apple', 109900],
  ['DEL-XPS13', 'XPS 13', 'Laptops', 'Dell', 99999],
  ['SGF-TEE', 'Segflow Logo Tee', 'Apparel', 'Segflow', 2500],
  ['SGF-HOOD', 'Everyday Hoodie', 'Apparel', 'Segflow', 5900],
  ['NKE-AF1', 'Air Force 1', 'Apparel', 'Nike', 11000],
  ['ADI-ULT', 'Ultraboost Light', 'Apparel', 'Adidas', 19000],
  ['PTG-CAP', 'Trucker Cap', 'Apparel', 'Patagonia', 3900],
  ['LEV-501', '501 Original Jeans', 'Apparel', 'Levi’s', 7950],
  ['HOM-MUG', 'Ceramic Mug', 'Home', 'Segflow', 1800],
  ['PHL-HUE', 'Hue Starter Kit', 'Home', 'Philips', 19999],
  ['AMZ-ECHO', 'Echo Dot', 'Home', 'Amazon', 4999],
  ['GFT-CARD', 'Gift Card $50', 'Gift cards', 'Segflow', 5000],
];

/** The deterministic demo catalog: phones, audio, accessories, wearables, laptops, apparel, home. */
export const seedProducts: SeedProduct[] = rows.map(([sku, name, category, brand, price], i) => ({
  externalId: `p-${i + 1}`,
  sku,
  name,
  category,
  brand,
  price,
}));
