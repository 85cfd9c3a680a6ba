//! Running a [`Program`] over ASCII bytes: a backtracking search with a fixed-size stack and
//! a step budget, retried with memoization when the first attempt runs out.

use super::parse::ByteSet;
use super::program::{Inst, MAX_SLOTS, NO_GIVE_BACK, Program};

/// The backtracking stack of the first attempt, a fixed array on the machine stack.
const STACK_DEPTH: usize = 32;
/// Steps per byte of text (plus one) for the first attempt. Ordinary patterns take a few
/// steps per byte; a search that needs more is retried with memoization.
const FAST_STEPS_PER_BYTE: usize = 128;
/// The backtracking stack of the second attempt.
const DEEP_STACK_DEPTH: usize = 1_024;
/// The memo of the second attempt: one bit per (instruction, position) pair.
const MEMO_WORDS: usize = 2_048;
/// Steps per byte of text (plus one) for the second attempt, before regress takes over.
const SLOW_STEPS_PER_BYTE: usize = 10_000;

/// `Frame::low` of a plain "resume at `pc`, `pos`" frame.
const RESUME: u32 = u32::MAX;
/// `Frame::low` of a frame that restores register `pc` to the value `pos`.
const RESTORE: u32 = u32::MAX - 1;

impl Program {
    /// Whether `text` (ASCII) holds a match, or `None` when the search ran out of steps or
    /// stack and the caller must ask the full engine.
    ///
    /// The first attempt is a plain backtracking search with a small stack and step budget,
    /// which is enough for nearly every pattern and text. When it runs out, a second attempt
    /// uses a deeper stack and, unless the program has loop registers, remembers every
    /// (instruction, position) pair it has tried: without captures or look-around the outcome
    /// from such a pair never changes, so a pair seen again is a failure and the search takes
    /// at most one visit per pair, however ambiguous the pattern.
    pub(crate) fn is_match(&self, text: &[u8]) -> Option<bool> {
        // Positions are `u32`, with the two largest values kept as frame markers.
        if text.len() >= RESTORE as usize {
            return None;
        }
        let mut stack = [Frame::default(); STACK_DEPTH];
        let mut vm = Vm {
            program: self,
            text,
            budget: FAST_STEPS_PER_BYTE.saturating_mul(text.len() + 1),
            stack: &mut stack,
            registers: [0; MAX_SLOTS],
            memo: &mut [],
        };
        match vm.search::<false>() {
            Some(answer) => Some(answer),
            None => self.search_thoroughly(text),
        }
    }

    /// The second attempt of [`Program::is_match`].
    #[cold]
    #[inline(never)]
    fn search_thoroughly(&self, text: &[u8]) -> Option<bool> {
        let mut stack = [Frame::default(); DEEP_STACK_DEPTH];
        let mut storage = [0u64; MEMO_WORDS];
        let words = self.insts.len().saturating_mul(text.len() + 1).div_ceil(64);
        let memoize = !self.has_registers && words <= MEMO_WORDS;
        let mut vm = Vm {
            program: self,
            text,
            budget: SLOW_STEPS_PER_BYTE.saturating_mul(text.len() + 1),
            stack: &mut stack,
            registers: [0; MAX_SLOTS],
            memo: if memoize {
                &mut storage[..words]
            } else {
                &mut []
            },
        };
        if memoize {
            vm.search::<true>()
        } else {
            vm.search::<false>()
        }
    }
}

/// A backtracking point. `low` tells the kind: [`RESUME`] (continue at `pc`, `pos`),
/// [`RESTORE`] (set register `pc` back to `pos`), or else an [`Inst::Run`] that can still give
/// back bytes: it now ends at `pos` and may end as early as `low`, continuing at `pc`.
#[derive(Clone, Copy, Default)]
struct Frame {
    pc: u32,
    pos: u32,
    low: u32,
}

struct Vm<'a> {
    program: &'a Program,
    text: &'a [u8],
    budget: usize,
    stack: &'a mut [Frame],
    registers: [u32; MAX_SLOTS],
    /// One bit per (instruction, position) pair already tried, when memoizing.
    memo: &'a mut [u64],
}

impl Vm<'_> {
    /// Tries the start positions in order.
    fn search<const MEMO: bool>(&mut self) -> Option<bool> {
        let text = self.text;
        if self.program.anchored {
            return self.run::<MEMO>(0);
        }
        match self.program.first {
            Some(first) => {
                for (start, &byte) in text.iter().enumerate() {
                    if first.contains(byte) && self.run::<MEMO>(start as u32)? {
                        return Some(true);
                    }
                }
            }
            None => {
                for start in 0..=text.len() {
                    if self.run::<MEMO>(start as u32)? {
                        return Some(true);
                    }
                }
            }
        }
        Some(false)
    }

    /// Marks (`pc`, `pos`) as tried, returning whether it was already.
    fn seen(&mut self, pc: usize, pos: u32) -> bool {
        let bit = pc * (self.text.len() + 1) + pos as usize;
        let word = &mut self.memo[bit / 64];
        let mask = 1u64 << (bit % 64);
        let seen = *word & mask != 0;
        *word |= mask;
        seen
    }

    /// Whether a match starts at `start`, or `None` when out of steps or stack. With `MEMO`,
    /// a pair tried before (in this or an earlier run) counts as a failure.
    fn run<const MEMO: bool>(&mut self, start: u32) -> Option<bool> {
        let insts = &self.program.insts[..];
        let text = self.text;
        let len = text.len() as u32;
        let depth = self.stack.len();
        let mut sp = 0;
        let mut pc = 0;
        let mut pos = start;
        loop {
            self.budget = self.budget.checked_sub(1)?;
            let advanced = if MEMO && self.seen(pc, pos) {
                false
            } else {
                match insts[pc] {
                    Inst::Byte(set) => {
                        let ok = text.get(pos as usize).is_some_and(|&b| set.contains(b));
                        if ok {
                            pos += 1;
                            pc += 1;
                        }
                        ok
                    }
                    Inst::Run {
                        set,
                        min,
                        max,
                        follow,
                    } => {
                        let limit = (len - pos).min(max) as usize;
                        let from = pos as usize;
                        let taken = text[from..from + limit]
                            .iter()
                            .take_while(|&&b| set.contains(b))
                            .count();
                        self.budget = self.budget.checked_sub(taken)?;
                        let taken = taken as u32;
                        if taken < min {
                            false
                        } else {
                            if taken > min && follow != NO_GIVE_BACK {
                                if sp == depth {
                                    return None;
                                }
                                self.stack[sp] = Frame {
                                    pc: pc as u32 + 1,
                                    pos: pos + taken,
                                    low: pos + min,
                                };
                                sp += 1;
                            }
                            pos += taken;
                            pc += 1;
                            true
                        }
                    }
                    Inst::Split {
                        first,
                        second,
                        guard,
                    } => {
                        if guard.admits(text, pos) {
                            if sp == depth {
                                return None;
                            }
                            self.stack[sp] = Frame {
                                pc: second,
                                pos,
                                low: RESUME,
                            };
                            sp += 1;
                        }
                        pc = first as usize;
                        true
                    }
                    Inst::Jump(target) => {
                        pc = target as usize;
                        true
                    }
                    Inst::Start => {
                        pc += 1;
                        pos == 0
                    }
                    Inst::End => {
                        pc += 1;
                        pos == len
                    }
                    Inst::Mark(slot) => {
                        if sp == depth {
                            return None;
                        }
                        let register = &mut self.registers[slot as usize];
                        self.stack[sp] = Frame {
                            pc: slot,
                            pos: *register,
                            low: RESTORE,
                        };
                        sp += 1;
                        *register = pos;
                        pc += 1;
                        true
                    }
                    Inst::Progress(slot) => {
                        pc += 1;
                        pos != self.registers[slot as usize]
                    }
                    Inst::Match => return Some(true),
                }
            };
            if advanced {
                continue;
            }
            // Backtrack to the latest frame that offers another way.
            loop {
                if sp == 0 {
                    return Some(false);
                }
                let frame = self.stack[sp - 1];
                match frame.low {
                    RESUME => {
                        sp -= 1;
                        pc = frame.pc as usize;
                        pos = frame.pos;
                        break;
                    }
                    RESTORE => {
                        sp -= 1;
                        self.registers[frame.pc as usize] = frame.pos;
                    }
                    low => {
                        // One byte shorter, skipping the ends where what follows the run
                        // cannot start (the lowest end is tried in any case).
                        let follow = match insts[frame.pc as usize - 1] {
                            Inst::Run { follow, .. } => self.program.follows[follow as usize],
                            _ => ByteSet::ALL,
                        };
                        let mut end = frame.pos - 1;
                        while end > low && !follow.contains(text[end as usize]) {
                            end -= 1;
                        }
                        if end > low {
                            self.stack[sp - 1].pos = end;
                        } else {
                            sp -= 1;
                        }
                        pc = frame.pc as usize;
                        pos = end;
                        break;
                    }
                }
            }
        }
    }
}
