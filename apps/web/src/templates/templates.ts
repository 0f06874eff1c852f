import type { WorkflowGraph } from '../workflows/graph';
import apparelLovers from './graphs/apparel-lovers.json';
import b2bWholesale from './graphs/b2b-wholesale.json';
import cartAbandonment from './graphs/cart-abandonment.json';
import companyEmployees from './graphs/company-employees.json';
import firstOrderAbTest from './graphs/first-order-ab-test.json';
import iphoneAirpods from './graphs/iphone-airpods.json';
import newHighSpender from './graphs/new-high-spender.json';
import spendTiers from './graphs/spend-tiers.json';
import texasTag from './graphs/texas-tag.json';
import vipOver5000 from './graphs/vip-over-5000.json';
import welcomeSeries from './graphs/welcome-series.json';
import winBack90Days from './graphs/win-back-90-days.json';

/** A ready-made workflow a marketer can start from. */
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  /** Short tags shown on the card (goal, channel). */
  tags: string[];
  graph: WorkflowGraph;
}

const graph = (json: unknown) => json as WorkflowGraph;

/** The templates gallery, most asked-for first (DESIGN §1 and issue 7 item 8). */
export const templates: WorkflowTemplate[] = [
  {
    id: 'vip-over-5000',
    name: 'VIP over $5,000',
    description:
      'When lifetime spend passes $5,000, move the customer to “VIP member” and send a thank-you with a 30% code.',
    tags: ['Loyalty', 'Email', 'Coupon'],
    graph: graph(vipOver5000),
  },
  {
    id: 'spend-tiers',
    name: 'Platinum / Gold / Silver tiers',
    description:
      'Tier every customer by lifetime spend on each order: Platinum over $5,000, Gold from $2,000, Silver otherwise.',
    tags: ['Loyalty', 'Groups'],
    graph: graph(spendTiers),
  },
  {
    id: 'texas-tag',
    name: 'Tag Texas customers',
    description: 'Tag customers who live in Texas when they sign up or update their address.',
    tags: ['Geographic', 'Tags'],
    graph: graph(texasTag),
  },
  {
    id: 'iphone-airpods',
    name: 'iPhone buyers → Apple group + AirPods offer',
    description:
      'Put iPhone buyers in the Apple group and offer $20 off AirPods, unless they already own a pair.',
    tags: ['Cross-sell', 'Email', 'Coupon'],
    graph: graph(iphoneAirpods),
  },
  {
    id: 'cart-abandonment',
    name: 'Cart abandonment with a wait',
    description:
      'One hour after a cart worth $50+ is abandoned, email the customer a 10% code to finish checking out.',
    tags: ['Recovery', 'Wait', 'Email'],
    graph: graph(cartAbandonment),
  },
  {
    id: 'welcome-series',
    name: 'Welcome series',
    description:
      'Welcome new customers, then three days later nudge those who have not ordered with 15% off.',
    tags: ['Onboarding', 'Wait', 'Email'],
    graph: graph(welcomeSeries),
  },
  {
    id: 'win-back-90-days',
    name: 'Win-back after 90 days',
    description:
      'Every morning, email customers whose last order was more than 90 days ago with a 20% comeback code.',
    tags: ['Retention', 'Schedule', 'Email'],
    graph: graph(winBack90Days),
  },
  {
    id: 'new-high-spender',
    name: 'New high spender',
    description:
      'When a first order is over $500, tag the customer and tell the team so someone can say hello.',
    tags: ['Behavioural', 'Team'],
    graph: graph(newHighSpender),
  },
  {
    id: 'company-employees',
    name: 'Company employees discount',
    description: 'Recognise employees by email domain or company, group them and send a personal 25% code.',
    tags: ['Firmographic', 'Coupon'],
    graph: graph(companyEmployees),
  },
  {
    id: 'b2b-wholesale',
    name: 'B2B wholesale group',
    description:
      'Move business customers marked as wholesale into the Wholesale group and notify the sales team.',
    tags: ['B2B', 'Groups'],
    graph: graph(b2bWholesale),
  },
  {
    id: 'first-order-ab-test',
    name: 'First-order thank-you A/B test',
    description:
      'Split first-time buyers 50/50 between a 10% and a $10 thank-you offer to learn which converts.',
    tags: ['Experiment', 'Email'],
    graph: graph(firstOrderAbTest),
  },
  {
    id: 'apparel-lovers',
    name: 'Apparel lovers',
    description:
      'Tag customers who bought apparel at least twice in six months and remember it as their favourite.',
    tags: ['Behavioural', 'Tags'],
    graph: graph(apparelLovers),
  },
];
