import { describe, expect, it } from 'vitest';
import { renderLiquidPreview } from './liquid-preview';

describe('liquid preview', () => {
  it('fills customer, order and coupon variables', () => {
    expect(renderLiquidPreview('Thank you, {{ customer.firstName }}! Code: {{coupon.code}}')).toBe(
      'Thank you, Ana! Code: SAVE-7Q2K9',
    );
  });

  it('applies default, upcase and downcase, and leaves unknown variables empty', () => {
    expect(renderLiquidPreview('{{ customer.nickname | default: "friend" }}')).toBe('friend');
    expect(renderLiquidPreview('{{ customer.state | downcase }} {{ customer.firstName | upcase }}')).toBe(
      'tx ANA',
    );
    expect(renderLiquidPreview('Hi {{ nothing.here }}!')).toBe('Hi !');
  });

  it('drops logic tags', () => {
    expect(renderLiquidPreview('{% if coupon %}Use {{ coupon.code }}{% endif %}')).toBe('Use SAVE-7Q2K9');
  });
});
