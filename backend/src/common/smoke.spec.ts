import { Test } from '@nestjs/testing';
import { Injectable } from '@nestjs/common';
@Injectable() class A { x() { return 1; } }
it('boots a nest testing module', async () => {
  const m = await Test.createTestingModule({ providers: [A] }).compile();
  expect(m.get(A).x()).toBe(1);
});
