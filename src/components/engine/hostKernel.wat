(module
  (import "env" "memory" (memory 1))
  (import "env" "exp" (func $exp (param f64) (result f64)))

  ;; One lazy-Adam training step of EmbeddingDotBias, the same math as hostStep.ts's sparse mode, with WebAssembly SIMD
;; (f32x4) on the memory of TF.js's wasm backend, where the model's tables live. Compiled into hostKernelWasm.ts by
;; `npm run build:kernel`; engine/kernelStep.ts calls it. Every pointer is a byte offset into that memory; tables are
;; row-major float32 (a row is F floats), indexes int32, ratings float32 stars.
;;
;; The forward pass and the gradients of one batch of B rows (user ru[i], movie rm[i], rating rr[i]): the gradient of
;; each distinct user and movie is summed into one slot (uslot/mslot map a row to its slot, -1 when none; tu/tm list
;; the touched rows in slot order; gu/gm hold F floats per slot, gbu/gbm one). `tab` points to 12 table pointers:
;; weights, gradAvg, sqrAvg, each as userFactors, movieFactors, userBias, movieBias. Writes the slot counts to
;; counts[0], counts[1] and returns the batch's sum of squared errors (f64).
  (func (export "grad")
    (param $F i32) (param $B i32) (param $ru i32) (param $rm i32) (param $rr i32) (param $tab i32)
    (param $uslot i32) (param $mslot i32) (param $tu i32) (param $tm i32)
    (param $gu i32) (param $gm i32) (param $gbu i32) (param $gbm i32)
    (param $lo f64) (param $range f64) (param $scale f64) (param $counts i32)
    (result f64)
    (local $U i32) (local $M i32) (local $bu i32) (local $bm i32)
    (local $mU i32) (local $mM i32) (local $mbu i32) (local $mbm i32)
    (local $vU i32) (local $vM i32) (local $vbu i32) (local $vbm i32)
    (local $i i32) (local $k i32) (local $u i32) (local $mv i32) (local $uo i32) (local $mo i32)
    (local $row i32) (local $vec i32) (local $last i32)
    (local $acc v128) (local $dv v128) (local $x f64) (local $s f64) (local $err f64) (local $d f32) (local $loss f64)
    (local $su i32) (local $sm i32) (local $nu i32) (local $nm i32) (local $go i32) (local $sink f32)
    (local.set $U (i32.load offset=0 (local.get $tab)))
    (local.set $M (i32.load offset=4 (local.get $tab)))
    (local.set $bu (i32.load offset=8 (local.get $tab)))
    (local.set $bm (i32.load offset=12 (local.get $tab)))
    (local.set $mU (i32.load offset=16 (local.get $tab)))
    (local.set $mM (i32.load offset=20 (local.get $tab)))
    (local.set $mbu (i32.load offset=24 (local.get $tab)))
    (local.set $mbm (i32.load offset=28 (local.get $tab)))
    (local.set $vU (i32.load offset=32 (local.get $tab)))
    (local.set $vM (i32.load offset=36 (local.get $tab)))
    (local.set $vbu (i32.load offset=40 (local.get $tab)))
    (local.set $vbm (i32.load offset=44 (local.get $tab)))
    (local.set $row (i32.shl (local.get $F) (i32.const 2)))
    (local.set $vec (i32.and (local.get $row) (i32.const -16)))
    (local.set $last (i32.sub (local.get $row) (i32.const 4)))

    ;; Touch every cache line the batch uses, in a short loop of independent loads, so they arrive in parallel.
    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $B)))
      (local.set $u (i32.load (i32.add (local.get $ru) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $mv (i32.load (i32.add (local.get $rm) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $uo (i32.mul (local.get $u) (local.get $row)))
      (local.set $mo (i32.mul (local.get $mv) (local.get $row)))
      (local.set $k (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
        (local.set $sink (f32.add (local.get $sink) (f32.add
          (f32.add (f32.add (f32.load (i32.add (local.get $U) (i32.add (local.get $uo) (local.get $k))))
                            (f32.load (i32.add (local.get $mU) (i32.add (local.get $uo) (local.get $k)))))
                   (f32.add (f32.load (i32.add (local.get $vU) (i32.add (local.get $uo) (local.get $k))))
                            (f32.load (i32.add (local.get $M) (i32.add (local.get $mo) (local.get $k))))))
          (f32.add (f32.load (i32.add (local.get $mM) (i32.add (local.get $mo) (local.get $k))))
                   (f32.load (i32.add (local.get $vM) (i32.add (local.get $mo) (local.get $k))))))))
        (local.set $k (i32.add (local.get $k) (i32.const 64)))
        (br $n2)))
      (local.set $k (local.get $last))
      (local.set $sink (f32.add (local.get $sink) (f32.add
        (f32.add (f32.add (f32.load (i32.add (local.get $U) (i32.add (local.get $uo) (local.get $k))))
                          (f32.load (i32.add (local.get $mU) (i32.add (local.get $uo) (local.get $k)))))
                 (f32.add (f32.load (i32.add (local.get $vU) (i32.add (local.get $uo) (local.get $k))))
                          (f32.load (i32.add (local.get $M) (i32.add (local.get $mo) (local.get $k))))))
        (f32.add (f32.load (i32.add (local.get $mM) (i32.add (local.get $mo) (local.get $k))))
                 (f32.load (i32.add (local.get $vM) (i32.add (local.get $mo) (local.get $k))))))))
      (local.set $u (i32.shl (local.get $u) (i32.const 2)))
      (local.set $mv (i32.shl (local.get $mv) (i32.const 2)))
      (local.set $sink (f32.add (local.get $sink) (f32.add
        (f32.add (f32.add (f32.load (i32.add (local.get $bu) (local.get $u))) (f32.load (i32.add (local.get $bm) (local.get $mv))))
                 (f32.add (f32.load (i32.add (local.get $mbu) (local.get $u))) (f32.load (i32.add (local.get $mbm) (local.get $mv)))))
        (f32.add (f32.add (f32.load (i32.add (local.get $vbu) (local.get $u))) (f32.load (i32.add (local.get $vbm) (local.get $mv))))
                 (f32.convert_i32_s (i32.add (i32.load (i32.add (local.get $uslot) (local.get $u))) (i32.load (i32.add (local.get $mslot) (local.get $mv)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))

    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $B)))
      (local.set $u (i32.load (i32.add (local.get $ru) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $mv (i32.load (i32.add (local.get $rm) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $uo (i32.add (local.get $U) (i32.mul (local.get $u) (local.get $row))))
      (local.set $mo (i32.add (local.get $M) (i32.mul (local.get $mv) (local.get $row))))
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
        (f32.load (i32.add (local.get $bu) (i32.shl (local.get $u) (i32.const 2))))
        (f32.load (i32.add (local.get $bm) (i32.shl (local.get $mv) (i32.const 2))))))))
      (local.set $s (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $x))))))
      (local.set $err (f64.sub (f64.add (f64.mul (local.get $s) (local.get $range)) (local.get $lo))
        (f64.promote_f32 (f32.load (i32.add (local.get $rr) (i32.shl (local.get $i) (i32.const 2)))))))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (local.get $err) (local.get $err))))
      (local.set $d (f32.demote_f64 (f64.mul (f64.mul (local.get $scale) (local.get $err)) (f64.mul (local.get $s) (f64.sub (f64.const 1) (local.get $s))))))
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
    (i32.store (local.get $counts) (local.get $nu))
    (i32.store offset=4 (local.get $counts) (local.get $nm))
    (f32.store offset=8 (local.get $counts) (local.get $sink))
    (local.get $loss))

  ;; Adam with decoupled weight decay (fastai's) on rows ids[0 … n) of a table W floats wide, row j's gradient at g + j·W·4.
  (func (export "adam")
    (param $W i32) (param $n i32) (param $ids i32) (param $p i32) (param $m i32) (param $v i32) (param $g i32)
    (param $decay f32) (param $mom f32) (param $mom1 f32) (param $sqrMom f32) (param $sqrMom1 f32)
    (param $stepSize f32) (param $invDebias2 f32) (param $eps f32)
    (local $j i32) (local $k i32) (local $row i32) (local $vec i32) (local $off i32) (local $goff i32) (local $a i32)
    (local $gk v128) (local $mk v128) (local $vk v128) (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $row (i32.shl (local.get $W) (i32.const 2)))
    (local.set $vec (i32.and (local.get $row) (i32.const -16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $off (i32.mul (i32.load (i32.add (local.get $ids) (i32.shl (local.get $j) (i32.const 2)))) (local.get $row)))
      (local.set $goff (i32.add (local.get $g) (i32.mul (local.get $j) (local.get $row))))
      (local.set $k (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $vec)))
        (local.set $a (i32.add (local.get $off) (local.get $k)))
        (local.set $gk (v128.load (i32.add (local.get $goff) (local.get $k))))
        (local.set $mk (f32x4.add (f32x4.mul (f32x4.splat (local.get $mom)) (v128.load (i32.add (local.get $m) (local.get $a))))
                                  (f32x4.mul (f32x4.splat (local.get $mom1)) (local.get $gk))))
        (local.set $vk (f32x4.add (f32x4.mul (f32x4.splat (local.get $sqrMom)) (v128.load (i32.add (local.get $v) (local.get $a))))
                                  (f32x4.mul (f32x4.mul (f32x4.splat (local.get $sqrMom1)) (local.get $gk)) (local.get $gk))))
        (v128.store (i32.add (local.get $m) (local.get $a)) (local.get $mk))
        (v128.store (i32.add (local.get $v) (local.get $a)) (local.get $vk))
        (v128.store (i32.add (local.get $p) (local.get $a))
          (f32x4.sub (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $a))) (f32x4.splat (local.get $decay)))
            (f32x4.div (f32x4.mul (f32x4.splat (local.get $stepSize)) (local.get $mk))
              (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $vk)) (f32x4.splat (local.get $invDebias2))) (f32x4.splat (local.get $eps))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $n2)))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $row)))
        (local.set $a (i32.add (local.get $off) (local.get $k)))
        (local.set $gs (f32.load (i32.add (local.get $goff) (local.get $k))))
        (local.set $ms (f32.add (f32.mul (local.get $mom) (f32.load (i32.add (local.get $m) (local.get $a)))) (f32.mul (local.get $mom1) (local.get $gs))))
        (local.set $vs (f32.add (f32.mul (local.get $sqrMom) (f32.load (i32.add (local.get $v) (local.get $a)))) (f32.mul (f32.mul (local.get $sqrMom1) (local.get $gs)) (local.get $gs))))
        (f32.store (i32.add (local.get $m) (local.get $a)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $a)) (local.get $vs))
        (f32.store (i32.add (local.get $p) (local.get $a))
          (f32.sub (f32.mul (f32.load (i32.add (local.get $p) (local.get $a))) (local.get $decay))
            (f32.div (f32.mul (local.get $stepSize) (local.get $ms))
              (f32.add (f32.mul (f32.sqrt (local.get $vs)) (local.get $invDebias2)) (local.get $eps)))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $n2)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next))))
;; The sum of squared errors (f64) of the model on n rows (ru, rm, rr as in grad), with yRange lo … lo + range.
  (func (export "sse")
    (param $F i32) (param $n i32) (param $ru i32) (param $rm i32) (param $rr i32) (param $tab i32) (param $lo f64) (param $range f64)
    (result f64)
    (local $U i32) (local $M i32) (local $bu i32) (local $bm i32) (local $i i32) (local $k i32) (local $u i32) (local $mv i32)
    (local $uo i32) (local $mo i32) (local $row i32) (local $vec i32) (local $acc v128) (local $x f64) (local $err f64) (local $sum f64)
    (local.set $U (i32.load offset=0 (local.get $tab)))
    (local.set $M (i32.load offset=4 (local.get $tab)))
    (local.set $bu (i32.load offset=8 (local.get $tab)))
    (local.set $bm (i32.load offset=12 (local.get $tab)))
    (local.set $row (i32.shl (local.get $F) (i32.const 2)))
    (local.set $vec (i32.and (local.get $row) (i32.const -16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $u (i32.load (i32.add (local.get $ru) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $mv (i32.load (i32.add (local.get $rm) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $uo (i32.add (local.get $U) (i32.mul (local.get $u) (local.get $row))))
      (local.set $mo (i32.add (local.get $M) (i32.mul (local.get $mv) (local.get $row))))
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
        (f32.load (i32.add (local.get $bu) (i32.shl (local.get $u) (i32.const 2))))
        (f32.load (i32.add (local.get $bm) (i32.shl (local.get $mv) (i32.const 2))))))))
      (local.set $err (f64.sub
        (f64.add (f64.div (local.get $range) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $x))))) (local.get $lo))
        (f64.promote_f32 (f32.load (i32.add (local.get $rr) (i32.shl (local.get $i) (i32.const 2)))))))
      (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $err) (local.get $err))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))
)
