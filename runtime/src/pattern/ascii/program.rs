//! Compiling a [`Node`] tree into a small instruction list for the backtracking search of
//! the `exec` module, and the static analysis that keeps that search short.

use super::parse::{ByteSet, Node};

/// The most instructions a program may have; a bigger one (large counted repetitions of
/// groups) is not compiled.
const MAX_PROGRAM: usize = 4_000;
/// How many nullable loops (each needs a position register) a program may have.
pub(super) const MAX_SLOTS: usize = 4;
/// [`Inst::Run`]'s `follow` for a run that never gives bytes back.
pub(super) const NO_GIVE_BACK: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Inst {
    /// Consume one byte from the set.
    Byte(ByteSet),
    /// Consume between `min` and `max` bytes from the set, as many as possible first.
    /// `follow` indexes [`Program::follows`], the bytes the rest of the program can start
    /// with, for giving bytes back; it is [`NO_GIVE_BACK`] when giving back cannot help.
    Run {
        set: ByteSet,
        min: u32,
        max: u32,
        follow: u32,
    },
    /// Continue at `first`; on failure, at `second`, unless `guard` shows that `second`
    /// cannot match from the current position (then no backtracking frame is kept).
    Split {
        first: u32,
        second: u32,
        guard: Guard,
    },
    Jump(u32),
    /// `^`: only at index 0.
    Start,
    /// `$`: only at the end.
    End,
    /// Record the position in a register (a nullable loop's iteration start).
    Mark(u32),
    /// Fail unless the position moved since the register's `Mark`: an iteration of a
    /// nullable loop that matched nothing leads back to a state already tried.
    Progress(u32),
    Match,
}

/// What the program can do from some instruction on: the bytes it may consume first, and
/// whether it may reach [`Inst::Match`] without consuming any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Guard {
    bytes: ByteSet,
    empty: EmptyMatch,
}

/// Whether a part of the program may match without consuming a byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EmptyMatch {
    Never,
    /// Only through a `$`, so only at the end of the text.
    AtEnd,
    Anywhere,
}

impl Guard {
    /// A guard that lets everything through (until the analysis has run).
    const ANY: Self = Self {
        bytes: ByteSet::ALL,
        empty: EmptyMatch::Anywhere,
    };

    /// Whether that part of the program might match from `pos`; if not, it would fail at
    /// once and is not worth a backtracking frame.
    #[inline(always)]
    pub(super) fn admits(self, text: &[u8], pos: u32) -> bool {
        match text.get(pos as usize) {
            Some(&byte) => self.empty == EmptyMatch::Anywhere || self.bytes.contains(byte),
            None => self.empty != EmptyMatch::Never,
        }
    }
}

/// A compiled pattern for ASCII text.
#[derive(Debug)]
pub(crate) struct Program {
    pub(super) insts: Vec<Inst>,
    /// Every match starts at index 0 (each path begins with `^`).
    pub(super) anchored: bool,
    /// The bytes a match can start with, or `None` when a match may be empty (or start with
    /// an assertion) so that every position must be tried.
    pub(super) first: Option<ByteSet>,
    /// Whether the program uses loop registers ([`Inst::Mark`]), which rule out memoization.
    pub(super) has_registers: bool,
    /// For each [`Inst::Run`] that may give bytes back, the bytes that what follows it can
    /// start with.
    pub(super) follows: Vec<ByteSet>,
}

impl Program {
    /// Compiles `node`, or `None` when the program would be too big or need too many
    /// registers.
    pub(crate) fn compile(node: &Node) -> Option<Self> {
        let mut compiler = Compiler {
            insts: Vec::new(),
            slots: 0,
        };
        compiler.emit(node)?;
        compiler.insts.push(Inst::Match);
        if compiler.insts.len() > MAX_PROGRAM {
            return None;
        }
        let mut insts = compiler.insts;
        let follows = plan_backtracking(&mut insts);
        insts.shrink_to_fit();
        Some(Self {
            insts,
            anchored: anchored(node),
            first: (!nullable(node)).then(|| first_bytes(node)),
            has_registers: compiler.slots > 0,
            follows,
        })
    }
}

struct Compiler {
    insts: Vec<Inst>,
    slots: u32,
}

/// A split whose guard [`plan_backtracking`] fills in.
fn split_to(first: u32, second: u32) -> Inst {
    Inst::Split {
        first,
        second,
        guard: Guard::ANY,
    }
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> usize {
        self.insts.push(inst);
        self.insts.len() - 1
    }

    fn here(&self) -> u32 {
        self.insts.len() as u32
    }

    fn emit(&mut self, node: &Node) -> Option<()> {
        if self.insts.len() > MAX_PROGRAM {
            return None;
        }
        match node {
            Node::Empty => {}
            Node::Set(set) => {
                self.push(Inst::Byte(*set));
            }
            Node::Start => {
                self.push(Inst::Start);
            }
            Node::End => {
                self.push(Inst::End);
            }
            Node::Concat(items) => {
                for item in items {
                    self.emit(item)?;
                }
            }
            Node::Alt(branches) => {
                let mut exits = Vec::with_capacity(branches.len());
                let last = branches.len().saturating_sub(1);
                for (index, branch) in branches.iter().enumerate() {
                    if index == last {
                        self.emit(branch)?;
                        break;
                    }
                    let split = self.push(Inst::Match);
                    self.emit(branch)?;
                    exits.push(self.push(Inst::Match));
                    self.insts[split] = split_to(split as u32 + 1, self.here());
                }
                let end = self.here();
                for exit in exits {
                    self.insts[exit] = Inst::Jump(end);
                }
            }
            Node::Repeat { node, min, max } => {
                if let Node::Set(set) = **node {
                    self.push(Inst::Run {
                        set,
                        min: *min,
                        max: max.unwrap_or(u32::MAX),
                        follow: NO_GIVE_BACK,
                    });
                    return Some(());
                }
                for _ in 0..*min {
                    self.emit(node)?;
                    if self.insts.len() > MAX_PROGRAM {
                        return None;
                    }
                }
                match *max {
                    None => {
                        let head = self.push(Inst::Match);
                        let slot = if nullable(node) {
                            let slot = self.slots;
                            if slot as usize >= MAX_SLOTS {
                                return None;
                            }
                            self.slots += 1;
                            self.push(Inst::Mark(slot));
                            Some(slot)
                        } else {
                            None
                        };
                        self.emit(node)?;
                        if let Some(slot) = slot {
                            self.push(Inst::Progress(slot));
                        }
                        self.push(Inst::Jump(head as u32));
                        self.insts[head] = split_to(head as u32 + 1, self.here());
                    }
                    Some(max) => {
                        // `x{0,2}` as `(?:x(?:x)?)?`: each optional copy only after the last.
                        let mut splits = Vec::new();
                        for _ in *min..max {
                            splits.push(self.push(Inst::Match));
                            self.emit(node)?;
                            if self.insts.len() > MAX_PROGRAM {
                                return None;
                            }
                        }
                        let end = self.here();
                        for split in splits {
                            self.insts[split] = split_to(split as u32 + 1, end);
                        }
                    }
                }
            }
        }
        Some(())
    }
}

/// Fills in what limits backtracking, once the program is complete: the guard of each
/// [`Inst::Split`]'s second target, and for each [`Inst::Run`] whether giving bytes back can
/// lead to a match. Returns the follow sets that the runs which may give back refer to.
///
/// A run that gave back bytes leaves the rest of the program to start at a byte the run had
/// taken, before the end of the text. If the rest can only go on by consuming a byte outside
/// the run's set (and cannot reach `Match` without consuming, `$` being false there), giving
/// back is useless: the run then keeps what it took, as a possessive quantifier would, which
/// saves the backtracking frame and the failed retries. Otherwise the follow set lets the
/// retries skip the ends where the rest cannot start.
///
/// Both only drop alternatives that would fail at their first step, so they change the cost
/// of a search, never its answer.
fn plan_backtracking(insts: &mut [Inst]) -> Vec<ByteSet> {
    let mut follows = Vec::new();
    let mut walker = GuardWalker {
        seen: vec![0; insts.len() * 2],
        generation: 0,
        pending: Vec::new(),
    };
    for pc in 0..insts.len() {
        match insts[pc] {
            Inst::Split { first, second, .. } => {
                let guard = walker.guard(insts, second as usize);
                insts[pc] = Inst::Split {
                    first,
                    second,
                    guard,
                };
            }
            Inst::Run { set, min, max, .. } => {
                let after = walker.guard(insts, pc + 1);
                let follow = if after.empty == EmptyMatch::Anywhere {
                    follows.push(ByteSet::ALL);
                    follows.len() as u32 - 1
                } else if after.bytes.intersects(set) {
                    follows.push(after.bytes);
                    follows.len() as u32 - 1
                } else {
                    NO_GIVE_BACK
                };
                insts[pc] = Inst::Run {
                    set,
                    min,
                    max,
                    follow,
                };
            }
            _ => {}
        }
    }
    follows
}

/// Walks the zero-width paths of a program to compute [`Guard`]s, reusing its buffers.
struct GuardWalker {
    /// The generation of the last walk that visited (instruction, whether after a `$`).
    seen: Vec<u32>,
    generation: u32,
    pending: Vec<(usize, bool)>,
}

impl GuardWalker {
    /// The guard of the program from instruction `from` on. Assertions other than `$` are
    /// taken to pass, which only makes the guard let more through.
    fn guard(&mut self, insts: &[Inst], from: usize) -> Guard {
        self.generation += 1;
        let mut bytes = ByteSet::EMPTY;
        let mut anywhere = false;
        let mut at_end = false;
        self.pending.clear();
        self.pending.push((from, false));
        // `after_end`: a `$` was passed, so the text is over and nothing more is consumed.
        while let Some((at, after_end)) = self.pending.pop() {
            let mark = &mut self.seen[at * 2 + usize::from(after_end)];
            if *mark == self.generation {
                continue;
            }
            *mark = self.generation;
            match insts[at] {
                Inst::Byte(set) => {
                    if !after_end {
                        bytes = bytes.union(set);
                    }
                }
                Inst::Run { set, min, .. } => {
                    if !after_end {
                        bytes = bytes.union(set);
                    }
                    if min == 0 {
                        self.pending.push((at + 1, after_end));
                    }
                }
                Inst::Split { first, second, .. } => {
                    self.pending.push((first as usize, after_end));
                    self.pending.push((second as usize, after_end));
                }
                Inst::Jump(target) => self.pending.push((target as usize, after_end)),
                Inst::Start | Inst::Mark(_) | Inst::Progress(_) => {
                    self.pending.push((at + 1, after_end));
                }
                Inst::End => self.pending.push((at + 1, true)),
                Inst::Match => {
                    if after_end {
                        at_end = true;
                    } else {
                        anywhere = true;
                    }
                }
            }
        }
        let empty = if anywhere {
            EmptyMatch::Anywhere
        } else if at_end {
            EmptyMatch::AtEnd
        } else {
            EmptyMatch::Never
        };
        Guard { bytes, empty }
    }
}

/// Whether `node` may match without consuming a byte (assertions count as possibly empty).
fn nullable(node: &Node) -> bool {
    match node {
        Node::Empty | Node::Start | Node::End => true,
        Node::Set(_) => false,
        Node::Concat(items) => items.iter().all(nullable),
        Node::Alt(branches) => branches.iter().any(nullable),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
    }
}

/// The bytes that a non-empty match of `node` can begin with.
fn first_bytes(node: &Node) -> ByteSet {
    match node {
        Node::Empty | Node::Start | Node::End => ByteSet::EMPTY,
        Node::Set(set) => *set,
        Node::Concat(items) => {
            let mut set = ByteSet::EMPTY;
            for item in items {
                set = set.union(first_bytes(item));
                if !nullable(item) {
                    break;
                }
            }
            set
        }
        Node::Alt(branches) => branches
            .iter()
            .fold(ByteSet::EMPTY, |set, branch| set.union(first_bytes(branch))),
        Node::Repeat { node, .. } => first_bytes(node),
    }
}

/// Whether every path through `node` begins with `^`, so a match can only start at 0.
fn anchored(node: &Node) -> bool {
    match node {
        Node::Start => true,
        Node::Concat(items) => items.first().is_some_and(anchored),
        Node::Alt(branches) => branches.iter().all(anchored),
        Node::Repeat { node, min, .. } => *min > 0 && anchored(node),
        Node::Empty | Node::End | Node::Set(_) => false,
    }
}
