//! Stopping on a signal without losing or truncating anything.
//!
//! SIGINT (Ctrl-C, `timeout -s INT`), SIGTERM (`timeout`, YARN, Kubernetes) and SIGHUP (a dropped ssh
//! session, a closed terminal) all stop the reading; every line already read is annotated and written, a
//! `.gz` output gets its trailer, and the program exits with 128 + the number of the first signal (129,
//! 130, 143). Senders often deliver a signal twice in quick succession (`timeout` can; a shell forwards
//! Ctrl-C to the whole process group), so further signals within [`GRACE`] of the first are ignored
//! while the output is finished; one after that ends the program at once, for a user who really wants
//! it gone (removing the temporary files of unfinished outputs, see [`crate::output`]).
//!
//! Which signal came first is recorded in the signal handler itself: the thread that reacts to them is
//! handed the signals pending together in the order of their numbers, not of their arrival.
//!
//! A reader blocked on an idle standard input would never see a flag, so standard input is read by a
//! pump thread and handed over through a channel that the stop also wakes ([`Interruptible`]): the
//! pipeline then sees the end of its input, as it would at end of file.

use std::io::{self, Read};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, select, Receiver, Sender};

/// How long after the first signal further ones are ignored.
pub const GRACE: Duration = Duration::from_secs(3);

/// A stop request, set by a signal (or by hand, in tests). Shared by the reader and the signal thread.
#[derive(Debug)]
pub struct Stop {
    signal: AtomicI32,
    since: OnceLock<Instant>,
    wake_tx: Mutex<Option<Sender<()>>>,
    wake_rx: Receiver<()>,
}

impl Default for Stop {
    fn default() -> Stop {
        let (wake_tx, wake_rx) = bounded(0);
        Stop {
            signal: AtomicI32::new(0),
            since: OnceLock::new(),
            wake_tx: Mutex::new(Some(wake_tx)),
            wake_rx,
        }
    }
}

impl Stop {
    /// A stop that nothing has requested yet.
    pub fn new() -> Stop {
        Stop::default()
    }

    /// Requests a stop for `signal`. Returns whether this was the first request.
    pub fn request(&self, signal: i32) -> bool {
        // Done by the handler already when a signal asks: see `listen`.
        self.record(signal);
        let first = self.since.set(Instant::now()).is_ok();
        if first {
            // Dropping the only sender wakes every reader waiting on `woken`.
            if let Ok(mut tx) = self.wake_tx.lock() {
                tx.take();
            }
        }
        first
    }

    /// Keeps `signal` as the reason for the stop unless there is one already. Async-signal-safe.
    fn record(&self, signal: i32) {
        let _ = self
            .signal
            .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// Whether a stop was requested.
    pub fn is_requested(&self) -> bool {
        self.signal.load(Ordering::SeqCst) != 0
    }

    /// The exit status a stopped run ends with: 128 + the first signal's number.
    pub fn exit_status(&self) -> Option<u8> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(u8::try_from(128 + signal).unwrap_or(u8::MAX)),
        }
    }

    /// A channel that disconnects when the stop is requested, to wait on beside other channels.
    pub fn woken(&self) -> &Receiver<()> {
        &self.wake_rx
    }

    /// Listens for SIGINT, SIGTERM and SIGHUP on a thread of its own: the first requests the stop,
    /// those within [`GRACE`] are ignored, a later one exits at once.
    ///
    /// # Errors
    ///
    /// The error of registering the handlers.
    pub fn listen(self: &Arc<Stop>) -> io::Result<()> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        const SIGNALS: [i32; 3] = [SIGINT, SIGTERM, SIGHUP];
        for signal in SIGNALS {
            let stop = Arc::clone(self);
            // SAFETY: the action is one atomic compare-and-swap, which is async-signal-safe.
            unsafe { signal_hook::low_level::register(signal, move || stop.record(signal)) }?;
        }
        let mut signals = signal_hook::iterator::Signals::new(SIGNALS)?;
        let stop = Arc::clone(self);
        std::thread::spawn(move || {
            for signal in signals.forever() {
                let late = stop.since.get().is_some_and(|t| t.elapsed() > GRACE);
                if !stop.request(signal) && late {
                    crate::output::remove_temporaries();
                    std::process::exit(i32::from(stop.exit_status().unwrap_or(130)));
                }
            }
        });
        Ok(())
    }
}

/// Standard input, read by a pump thread so that a stop can end the reading even while no byte comes.
/// After a stop it reads as the end of the input.
pub struct Interruptible {
    chunks: Receiver<io::Result<Vec<u8>>>,
    stop: Arc<Stop>,
    current: Vec<u8>,
    at: usize,
}

impl Interruptible {
    /// Starts the pump over `source` (standard input in the program; anything in tests).
    pub fn new(mut source: impl Read + Send + 'static, stop: Arc<Stop>) -> Interruptible {
        let (tx, chunks) = bounded(4);
        std::thread::spawn(move || loop {
            let mut buf = vec![0; 1 << 16];
            let read = match source.read(&mut buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => Err(e),
                Ok(n) => {
                    buf.truncate(n);
                    Ok(buf)
                }
            };
            let last = !matches!(&read, Ok(b) if !b.is_empty());
            if tx.send(read).is_err() || last {
                return;
            }
        });
        Interruptible {
            chunks,
            stop,
            current: Vec::new(),
            at: 0,
        }
    }
}

impl Read for Interruptible {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.current.len() {
            if self.stop.is_requested() {
                return Ok(0);
            }
            select! {
                recv(self.chunks) -> chunk => match chunk {
                    Ok(Ok(bytes)) => {
                        self.current = bytes;
                        self.at = 0;
                    }
                    Ok(Err(e)) => return Err(e),
                    Err(_) => return Ok(0),
                },
                recv(self.stop.woken()) -> _ => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that gives one line, then blocks until the test ends.
    struct Stalled(Option<&'static [u8]>, Receiver<()>);

    impl Read for Stalled {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if let Some(first) = self.0.take() {
                buf[..first.len()].copy_from_slice(first);
                return Ok(first.len());
            }
            let _ = self.1.recv();
            Ok(0)
        }
    }

    #[test]
    fn a_stop_ends_a_read_that_waits_for_input() {
        let (_hold, never) = bounded::<()>(0);
        let stop = Arc::new(Stop::new());
        let mut input = Interruptible::new(Stalled(Some(b"line\n"), never), stop.clone());
        let mut buf = [0; 16];
        assert_eq!(input.read(&mut buf).unwrap(), 5);
        let stopper = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                stop.request(15)
            })
        };
        assert_eq!(
            input.read(&mut buf).unwrap(),
            0,
            "the stop reads as the end"
        );
        assert!(stopper.join().unwrap());
        assert_eq!(stop.exit_status(), Some(143));
    }

    #[test]
    fn only_the_first_request_counts() {
        let stop = Stop::new();
        assert_eq!(stop.exit_status(), None);
        assert!(stop.request(2));
        assert!(!stop.request(15));
        assert_eq!(stop.exit_status(), Some(130));
        assert!(stop.woken().recv().is_err(), "the wake channel is closed");
    }

    #[test]
    fn without_a_stop_everything_is_read() {
        let stop = Arc::new(Stop::new());
        let mut input = Interruptible::new(&b"a\nb\n"[..], stop);
        let mut all = String::new();
        input.read_to_string(&mut all).unwrap();
        assert_eq!(all, "a\nb\n");
    }
}
