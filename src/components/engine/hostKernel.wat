(module
  (import "env" "memory" (memory 1))
  (import "env" "exp" (func $exp (param f64) (result f64)))

;; Lazy-Adam training of EmbeddingDotBias with WebAssembly SIMD (f32x4), the same math as hostStep.ts's sparse mode,
;; on the kernel's own memory (engine/kernelStep.ts lays it out and copies the model in and out of TF.js). Compiled
;; into hostKernelWasm.ts by `npm run build:kernel`. Every pointer is a byte offset into the memory.
;;
;; One run of cache lines per row: a user's or movie's row holds its factors, its bias and their Adam averages side by
;; side, S bytes apart from the next row (S a multiple of 64): the F factors at 0, then the bias, its first moment and
;; its second moment (the forward pass reads the first F + 1 floats alone), the factors' first moments at A = 4F + 12
;; and their second moments at A + 4F. Ratings are 8-byte records: user (i32), then movie << 4 | rating × 2 (i32).
;;
;; A run's context (ctx), written by kernelStep.ts:
;;    0 F   4 S   8 A   12 bs   16 U (user rows)   20 M (movie rows)   24, 28 unused   32 the epoch's records
;;   36 uslot   40 mslot   44 tu   48 tm   52 gu   56 gm   60 gbu   64 gbm   68 hyper   72 losses   80 lo (f64)
;;   88 range (f64)
;; uslot/mslot map a user/movie to its gradient slot in the current batch (-1 when none); tu/tm list the touched
;; rows in slot order; gu/gm hold F floats per slot, gbu/gbm one. hyper holds 8 floats per step (decay, mom, 1 - mom,
;; sqrMom, 1 - sqrMom, step size, 1 / sqrt(1 - sqrMom^t), eps), losses one f64 per step.

  ;; Batches first … first + count - 1 of the epoch (batch b is its records b·bs … b·bs + bs), one lazy-Adam step each,
  ;; hyper and losses indexed from 0 for batch `first`. Each step's sum of squared errors goes to losses; a step whose
  ;; sum is not finite changes nothing and ends the call. Returns the number of steps taken.
  (func (export "steps") (param $ctx i32) (param $first i32) (param $count i32) (result i32)
    (local $s i32) (local $loss f64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $s) (local.get $count)))
      (local.set $loss (call $grad (local.get $ctx) (i32.add (i32.load offset=32 (local.get $ctx))
        (i32.shl (i32.mul (i32.add (local.get $first) (local.get $s)) (i32.load offset=12 (local.get $ctx))) (i32.const 3)))))
      (f64.store (i32.add (i32.load offset=72 (local.get $ctx)) (i32.shl (local.get $s) (i32.const 3))) (local.get $loss))
      ;; loss - loss is 0 only when the loss is finite.
      (if (f64.eq (f64.sub (local.get $loss) (local.get $loss)) (f64.const 0))
        (then (call $update (local.get $ctx) (i32.add (i32.load offset=68 (local.get $ctx)) (i32.shl (local.get $s) (i32.const 5))))))
      (call $release (local.get $ctx))
      (br_if $done (f64.ne (f64.sub (local.get $loss) (local.get $loss)) (f64.const 0)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $next)))
    (local.get $s))

  ;; The forward pass and the gradients of one batch (bs records at `rows`), each distinct user's and
  ;; movie's gradient summed in its slot. Returns the batch's sum of squared errors (f64).
  (func $grad (param $ctx i32) (param $rows i32) (result f64)
    (local $F i32) (local $S i32) (local $B i32) (local $U i32) (local $M i32)
    (local $uslot i32) (local $mslot i32) (local $tu i32) (local $tm i32) (local $gu i32) (local $gm i32) (local $gbu i32) (local $gbm i32)
    (local $lo f64) (local $range f64) (local $scale f64)
    (local $i i32) (local $k i32) (local $r i32) (local $u i32) (local $mv i32) (local $uo i32) (local $mo i32)
    (local $row i32) (local $vec i32) (local $packed i32)
    (local $acc v128) (local $dv v128) (local $x f64) (local $sg f64) (local $err f64) (local $d f32) (local $loss f64)
    (local $su i32) (local $sm i32) (local $nu i32) (local $nm i32) (local $go i32) (local $sink f32)
    (local.set $F (i32.load offset=0 (local.get $ctx)))
    (local.set $S (i32.load offset=4 (local.get $ctx)))
    (local.set $B (i32.load offset=12 (local.get $ctx)))
    (local.set $U (i32.load offset=16 (local.get $ctx)))
    (local.set $M (i32.load offset=20 (local.get $ctx)))
    (local.set $uslot (i32.load offset=36 (local.get $ctx)))
    (local.set $mslot (i32.load offset=40 (local.get $ctx)))
    (local.set $tu (i32.load offset=44 (local.get $ctx)))
    (local.set $tm (i32.load offset=48 (local.get $ctx)))
    (local.set $gu (i32.load offset=52 (local.get $ctx)))
    (local.set $gm (i32.load offset=56 (local.get $ctx)))
    (local.set $gbu (i32.load offset=60 (local.get $ctx)))
    (local.set $gbm (i32.load offset=64 (local.get $ctx)))
    (local.set $lo (f64.load offset=80 (local.get $ctx)))
    (local.set $range (f64.load offset=88 (local.get $ctx)))
    (local.set $scale (f64.div (f64.mul (f64.const 2) (local.get $range)) (f64.convert_i32_u (local.get $B))))
    (local.set $row (i32.shl (local.get $F) (i32.const 2)))
    (local.set $vec (i32.and (local.get $row) (i32.const -16)))

    ;; Touch every cache line the batch uses, in a short loop of independent loads, so they arrive in parallel.
    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $B)))
      (local.set $r (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $u (i32.load (local.get $r)))
      (local.set $mv (i32.shr_u (i32.load offset=4 (local.get $r)) (i32.const 4)))
      (local.set $uo (i32.add (local.get $U) (i32.mul (local.get $u) (local.get $S))))
      (local.set $mo (i32.add (local.get $M) (i32.mul (local.get $mv) (local.get $S))))
      (local.set $k (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $S)))
        (local.set $sink (f32.add (local.get $sink) (f32.add
          (f32.load (i32.add (local.get $uo) (local.get $k))) (f32.load (i32.add (local.get $mo) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 64)))
        (br $n2)))
      (local.set $sink (f32.add (local.get $sink) (f32.convert_i32_s (i32.add
        (i32.load (i32.add (local.get $uslot) (i32.shl (local.get $u) (i32.const 2))))
        (i32.load (i32.add (local.get $mslot) (i32.shl (local.get $mv) (i32.const 2))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))

    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $B)))
      (local.set $r (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $u (i32.load (local.get $r)))
      (local.set $packed (i32.load offset=4 (local.get $r)))
      (local.set $mv (i32.shr_u (local.get $packed) (i32.const 4)))
      (local.set $uo (i32.add (local.get $U) (i32.mul (local.get $u) (local.get $S))))
      (local.set $mo (i32.add (local.get $M) (i32.mul (local.get $mv) (local.get $S))))
      ;; x = bu[u] + bm[mv] + U[u]·M[mv]
      (local.set $acc (f32x4.splat (f32.const 0)))
      (local.set $k (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
          (v128.load (i32.add (local.get $uo) (local.get $k))) (v128.load (i32.add (local.get $mo) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $n2)))
      (local.set $x (f64.promote_f32 (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
        (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
        (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.mul
          (f32.load (i32.add (local.get $uo) (local.get $k))) (f32.load (i32.add (local.get $mo) (local.get $k)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $n2)))
      (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.add
        (f32.load (i32.add (local.get $uo) (local.get $row)))
        (f32.load (i32.add (local.get $mo) (local.get $row)))))))
      (local.set $sg (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $x))))))
      (local.set $err (f64.sub (f64.add (f64.mul (local.get $sg) (local.get $range)) (local.get $lo))
        (f64.promote_f32 (f32.mul (f32.convert_i32_u (i32.and (local.get $packed) (i32.const 15))) (f32.const 0.5)))))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (local.get $err) (local.get $err))))
      (local.set $d (f32.demote_f64 (f64.mul (f64.mul (local.get $scale) (local.get $err)) (f64.mul (local.get $sg) (f64.sub (f64.const 1) (local.get $sg))))))
      (local.set $dv (f32x4.splat (local.get $d)))

      ;; The user's gradient slot: the first time a batch meets a user it sets the slot, later times add to it.
      (local.set $su (i32.load (i32.add (local.get $uslot) (i32.shl (local.get $u) (i32.const 2)))))
      (if (i32.lt_s (local.get $su) (i32.const 0))
        (then
          (local.set $su (local.get $nu))
          (i32.store (i32.add (local.get $uslot) (i32.shl (local.get $u) (i32.const 2))) (local.get $nu))
          (i32.store (i32.add (local.get $tu) (i32.shl (local.get $nu) (i32.const 2))) (local.get $u))
          (local.set $nu (i32.add (local.get $nu) (i32.const 1)))
          (local.set $go (i32.add (local.get $gu) (i32.mul (local.get $su) (local.get $row))))
          (local.set $k (i32.const 0))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
            (v128.store (i32.add (local.get $go) (local.get $k)) (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $mo) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $n2)))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
            (f32.store (i32.add (local.get $go) (local.get $k)) (f32.mul (local.get $d) (f32.load (i32.add (local.get $mo) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $n2)))
          (f32.store (i32.add (local.get $gbu) (i32.shl (local.get $su) (i32.const 2))) (local.get $d)))
        (else
          (local.set $go (i32.add (local.get $gu) (i32.mul (local.get $su) (local.get $row))))
          (local.set $k (i32.const 0))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
            (v128.store (i32.add (local.get $go) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $go) (local.get $k)))
              (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $mo) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $n2)))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
            (f32.store (i32.add (local.get $go) (local.get $k)) (f32.add (f32.load (i32.add (local.get $go) (local.get $k)))
              (f32.mul (local.get $d) (f32.load (i32.add (local.get $mo) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $n2)))
          (f32.store (i32.add (local.get $gbu) (i32.shl (local.get $su) (i32.const 2)))
            (f32.add (f32.load (i32.add (local.get $gbu) (i32.shl (local.get $su) (i32.const 2)))) (local.get $d)))))

      ;; The movie's gradient slot, likewise.
      (local.set $sm (i32.load (i32.add (local.get $mslot) (i32.shl (local.get $mv) (i32.const 2)))))
      (if (i32.lt_s (local.get $sm) (i32.const 0))
        (then
          (local.set $sm (local.get $nm))
          (i32.store (i32.add (local.get $mslot) (i32.shl (local.get $mv) (i32.const 2))) (local.get $nm))
          (i32.store (i32.add (local.get $tm) (i32.shl (local.get $nm) (i32.const 2))) (local.get $mv))
          (local.set $nm (i32.add (local.get $nm) (i32.const 1)))
          (local.set $go (i32.add (local.get $gm) (i32.mul (local.get $sm) (local.get $row))))
          (local.set $k (i32.const 0))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
            (v128.store (i32.add (local.get $go) (local.get $k)) (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $uo) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $n2)))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
            (f32.store (i32.add (local.get $go) (local.get $k)) (f32.mul (local.get $d) (f32.load (i32.add (local.get $uo) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $n2)))
          (f32.store (i32.add (local.get $gbm) (i32.shl (local.get $sm) (i32.const 2))) (local.get $d)))
        (else
          (local.set $go (i32.add (local.get $gm) (i32.mul (local.get $sm) (local.get $row))))
          (local.set $k (i32.const 0))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
            (v128.store (i32.add (local.get $go) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $go) (local.get $k)))
              (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $uo) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $n2)))
          (block $d2 (loop $n2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
            (f32.store (i32.add (local.get $go) (local.get $k)) (f32.add (f32.load (i32.add (local.get $go) (local.get $k)))
              (f32.mul (local.get $d) (f32.load (i32.add (local.get $uo) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $n2)))
          (f32.store (i32.add (local.get $gbm) (i32.shl (local.get $sm) (i32.const 2)))
            (f32.add (f32.load (i32.add (local.get $gbm) (i32.shl (local.get $sm) (i32.const 2)))) (local.get $d)))))

      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    ;; The slot counts, for update and release.
    (i32.store offset=96 (local.get $ctx) (local.get $nu))
    (i32.store offset=100 (local.get $ctx) (local.get $nm))
    (f32.store offset=104 (local.get $ctx) (local.get $sink))
    (local.get $loss))

  ;; The Adam updates of every row the batch touched (its factors, then its bias), with the step's hyper at `h`.
  (func $update (param $ctx i32) (param $h i32)
    (local $F i32) (local $S i32) (local $A i32) (local $row i32)
    (local.set $F (i32.load offset=0 (local.get $ctx)))
    (local.set $S (i32.load offset=4 (local.get $ctx)))
    (local.set $A (i32.load offset=8 (local.get $ctx)))
    (local.set $row (i32.shl (local.get $F) (i32.const 2)))
    (call $adam (local.get $F) (i32.load offset=96 (local.get $ctx)) (i32.load offset=44 (local.get $ctx))
      (i32.load offset=16 (local.get $ctx)) (local.get $S) (i32.const 0) (local.get $A) (i32.add (local.get $A) (local.get $row))
      (i32.load offset=52 (local.get $ctx)) (local.get $h))
    (call $adam (i32.const 1) (i32.load offset=96 (local.get $ctx)) (i32.load offset=44 (local.get $ctx))
      (i32.load offset=16 (local.get $ctx)) (local.get $S) (local.get $row) (i32.const 4) (i32.const 8)
      (i32.load offset=60 (local.get $ctx)) (local.get $h))
    (call $adam (local.get $F) (i32.load offset=100 (local.get $ctx)) (i32.load offset=48 (local.get $ctx))
      (i32.load offset=20 (local.get $ctx)) (local.get $S) (i32.const 0) (local.get $A) (i32.add (local.get $A) (local.get $row))
      (i32.load offset=56 (local.get $ctx)) (local.get $h))
    (call $adam (i32.const 1) (i32.load offset=100 (local.get $ctx)) (i32.load offset=48 (local.get $ctx))
      (i32.load offset=20 (local.get $ctx)) (local.get $S) (local.get $row) (i32.const 4) (i32.const 8)
      (i32.load offset=64 (local.get $ctx)) (local.get $h)))

  ;; Forgets the batch's slots, so the next batch starts with none.
  (func $release (param $ctx i32)
    (local $j i32) (local $n i32) (local $ids i32) (local $slot i32)
    (local.set $n (i32.load offset=96 (local.get $ctx)))
    (local.set $ids (i32.load offset=44 (local.get $ctx)))
    (local.set $slot (i32.load offset=36 (local.get $ctx)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
      (i32.store (i32.add (local.get $slot) (i32.shl (i32.load (i32.add (local.get $ids) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))) (i32.const -1))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
    (local.set $j (i32.const 0))
    (local.set $n (i32.load offset=100 (local.get $ctx)))
    (local.set $ids (i32.load offset=48 (local.get $ctx)))
    (local.set $slot (i32.load offset=40 (local.get $ctx)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
      (i32.store (i32.add (local.get $slot) (i32.shl (i32.load (i32.add (local.get $ids) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))) (i32.const -1))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
    (i32.store offset=96 (local.get $ctx) (i32.const 0))
    (i32.store offset=100 (local.get $ctx) (i32.const 0)))

  ;; Adam with decoupled weight decay (fastai's) on W floats at byte `at` of rows ids[0 … n) of a table whose rows are
  ;; S bytes apart, their first moments `mAt` bytes after them and their second moments `vAt` bytes after; row j's
  ;; gradient at g + j·W·4.
  (func $adam
    (param $W i32) (param $n i32) (param $ids i32) (param $table i32) (param $S i32) (param $at i32) (param $mAt i32) (param $vAt i32)
    (param $g i32) (param $h i32)
    (local $decay f32) (local $mom f32) (local $mom1 f32) (local $sqrMom f32) (local $sqrMom1 f32)
    (local $stepSize f32) (local $invDebias2 f32) (local $eps f32)
    (local $j i32) (local $k i32) (local $row i32) (local $vec i32) (local $p i32) (local $m i32) (local $v i32) (local $goff i32)
    (local $gk v128) (local $mk v128) (local $vk v128) (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $decay (f32.load offset=0 (local.get $h)))
    (local.set $mom (f32.load offset=4 (local.get $h)))
    (local.set $mom1 (f32.load offset=8 (local.get $h)))
    (local.set $sqrMom (f32.load offset=12 (local.get $h)))
    (local.set $sqrMom1 (f32.load offset=16 (local.get $h)))
    (local.set $stepSize (f32.load offset=20 (local.get $h)))
    (local.set $invDebias2 (f32.load offset=24 (local.get $h)))
    (local.set $eps (f32.load offset=28 (local.get $h)))
    (local.set $row (i32.shl (local.get $W) (i32.const 2)))
    (local.set $vec (i32.and (local.get $row) (i32.const -16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $p (i32.add (i32.add (local.get $table) (local.get $at))
        (i32.mul (i32.load (i32.add (local.get $ids) (i32.shl (local.get $j) (i32.const 2)))) (local.get $S))))
      (local.set $m (i32.add (local.get $p) (local.get $mAt)))
      (local.set $v (i32.add (local.get $p) (local.get $vAt)))
      (local.set $goff (i32.add (local.get $g) (i32.mul (local.get $j) (local.get $row))))
      (local.set $k (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
        (local.set $gk (v128.load (i32.add (local.get $goff) (local.get $k))))
        (local.set $mk (f32x4.add (f32x4.mul (f32x4.splat (local.get $mom)) (v128.load (i32.add (local.get $m) (local.get $k))))
                                  (f32x4.mul (f32x4.splat (local.get $mom1)) (local.get $gk))))
        (local.set $vk (f32x4.add (f32x4.mul (f32x4.splat (local.get $sqrMom)) (v128.load (i32.add (local.get $v) (local.get $k))))
                                  (f32x4.mul (f32x4.mul (f32x4.splat (local.get $sqrMom1)) (local.get $gk)) (local.get $gk))))
        (v128.store (i32.add (local.get $m) (local.get $k)) (local.get $mk))
        (v128.store (i32.add (local.get $v) (local.get $k)) (local.get $vk))
        (v128.store (i32.add (local.get $p) (local.get $k))
          (f32x4.sub (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $k))) (f32x4.splat (local.get $decay)))
            (f32x4.div (f32x4.mul (f32x4.splat (local.get $stepSize)) (local.get $mk))
              (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $vk)) (f32x4.splat (local.get $invDebias2))) (f32x4.splat (local.get $eps))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $n2)))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
        (local.set $gs (f32.load (i32.add (local.get $goff) (local.get $k))))
        (local.set $ms (f32.add (f32.mul (local.get $mom) (f32.load (i32.add (local.get $m) (local.get $k)))) (f32.mul (local.get $mom1) (local.get $gs))))
        (local.set $vs (f32.add (f32.mul (local.get $sqrMom) (f32.load (i32.add (local.get $v) (local.get $k)))) (f32.mul (f32.mul (local.get $sqrMom1) (local.get $gs)) (local.get $gs))))
        (f32.store (i32.add (local.get $m) (local.get $k)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $k)) (local.get $vs))
        (f32.store (i32.add (local.get $p) (local.get $k))
          (f32.sub (f32.mul (f32.load (i32.add (local.get $p) (local.get $k))) (local.get $decay))
            (f32.div (f32.mul (local.get $stepSize) (local.get $ms))
              (f32.add (f32.mul (f32.sqrt (local.get $vs)) (local.get $invDebias2)) (local.get $eps)))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $n2)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next))))

  ;; The sum of squared errors (f64) of the model on the n records at `rows`.
  (func (export "sse") (param $ctx i32) (param $rows i32) (param $n i32) (result f64)
    (local $F i32) (local $S i32) (local $U i32) (local $M i32)
    (local $lo f64) (local $range f64)
    (local $i i32) (local $k i32) (local $r i32) (local $u i32) (local $mv i32) (local $packed i32)
    (local $uo i32) (local $mo i32) (local $row i32) (local $vec i32) (local $acc v128) (local $x f64) (local $err f64) (local $sum f64)
    (local.set $F (i32.load offset=0 (local.get $ctx)))
    (local.set $S (i32.load offset=4 (local.get $ctx)))
    (local.set $U (i32.load offset=16 (local.get $ctx)))
    (local.set $M (i32.load offset=20 (local.get $ctx)))
    (local.set $lo (f64.load offset=80 (local.get $ctx)))
    (local.set $range (f64.load offset=88 (local.get $ctx)))
    (local.set $row (i32.shl (local.get $F) (i32.const 2)))
    (local.set $vec (i32.and (local.get $row) (i32.const -16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $r (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $u (i32.load (local.get $r)))
      (local.set $packed (i32.load offset=4 (local.get $r)))
      (local.set $mv (i32.shr_u (local.get $packed) (i32.const 4)))
      (local.set $uo (i32.add (local.get $U) (i32.mul (local.get $u) (local.get $S))))
      (local.set $mo (i32.add (local.get $M) (i32.mul (local.get $mv) (local.get $S))))
      (local.set $acc (f32x4.splat (f32.const 0)))
      (local.set $k (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
          (v128.load (i32.add (local.get $uo) (local.get $k))) (v128.load (i32.add (local.get $mo) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $n2)))
      (local.set $x (f64.promote_f32 (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
        (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
        (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.mul
          (f32.load (i32.add (local.get $uo) (local.get $k))) (f32.load (i32.add (local.get $mo) (local.get $k)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $n2)))
      (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.add
        (f32.load (i32.add (local.get $uo) (local.get $row)))
        (f32.load (i32.add (local.get $mo) (local.get $row)))))))
      (local.set $err (f64.sub
        (f64.add (f64.div (local.get $range) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $x))))) (local.get $lo))
        (f64.promote_f32 (f32.mul (f32.convert_i32_u (i32.and (local.get $packed) (i32.const 15))) (f32.const 0.5)))))
      (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $err) (local.get $err))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))

  ;; Shuffles the n 8-byte records at `at` in place (Fisher–Yates), drawing from sfc32 with state a, b, c, d as random.ts's
  ;; createRandom does: the same order as epochBatches gives for the same state.
  (func (export "shuffle") (param $at i32) (param $n i32) (param $a i32) (param $b i32) (param $c i32) (param $d i32)
    (local $i i32) (local $j i32) (local $t i32) (local $pi i32) (local $pj i32) (local $swap i64)
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.le_s (local.get $i) (i32.const 0)))
      (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $d)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
      (local.set $b (i32.add (local.get $c) (i32.shl (local.get $c) (i32.const 3))))
      (local.set $c (i32.add (i32.rotl (local.get $c) (i32.const 21)) (local.get $t)))
      (local.set $j (i32.trunc_f64_u (f64.floor (f64.mul
        (f64.div (f64.convert_i32_u (local.get $t)) (f64.const 4294967296))
        (f64.convert_i32_u (i32.add (local.get $i) (i32.const 1)))))))
      (local.set $pi (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pj (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $swap (i64.load (local.get $pi)))
      (i64.store (local.get $pi) (i64.load (local.get $pj)))
      (i64.store (local.get $pj) (local.get $swap))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next))))
)
