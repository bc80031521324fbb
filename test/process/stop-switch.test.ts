import { describe, expect, it } from 'vitest';
import { followSignal, listenForStop, StopSwitch } from '../../src/process/stop-switch.js';

describe('StopSwitch', () => {
  it('calls each listener once, with the first reason kept, and none after a second stop', () => {
    const stop = new StopSwitch();
    const heard: unknown[] = [];
    stop.onStop(() => heard.push(['a', stop.reason]));
    stop.onStop(() => heard.push(['b', stop.reason]));
    expect(stop.aborted).toBe(false);
    stop.stop('first');
    stop.stop('second');
    expect(heard).toEqual([
      ['a', 'first'],
      ['b', 'first'],
    ]);
    expect(stop.aborted).toBe(true);
    expect(stop.reason).toBe('first');
  });

  it('does not call a listener it was told to forget, nor one added after the stop', () => {
    const stop = new StopSwitch();
    let calls = 0;
    const forget = stop.onStop(() => calls++);
    forget();
    stop.stop('now');
    stop.onStop(() => calls++);
    expect(calls).toBe(0);
  });
});

describe('followSignal', () => {
  it('stops with the signal, with its reason, and is already stopped for a signal aborted before', () => {
    const controller = new AbortController();
    const follower = followSignal(controller.signal);
    let heard: unknown = null;
    follower.onStop(() => (heard = follower.reason));
    controller.abort('launch cancelled');
    expect(follower.aborted).toBe(true);
    expect(heard).toBe('launch cancelled');
    expect(followSignal(AbortSignal.abort('earlier')).reason).toBe('earlier');
  });
});

describe('listenForStop', () => {
  it('hears an AbortSignal as it hears a switch, and forgets either', () => {
    const controller = new AbortController();
    const own = new StopSwitch();
    const heard: string[] = [];
    listenForStop(controller.signal, () => heard.push('signal'));
    listenForStop(own, () => heard.push('switch'));
    const forgetSignal = listenForStop(controller.signal, () => heard.push('forgotten signal'));
    const forgetSwitch = listenForStop(own, () => heard.push('forgotten switch'));
    forgetSignal();
    forgetSwitch();
    controller.abort('x');
    own.stop('y');
    expect(heard).toEqual(['signal', 'switch']);
  });
});
